//! HubSpot's JSON, as its CRM v3 / v4 APIs send and receive it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::User;

/// A deal (`SimplePublicObject` / `…WithAssociations`). Property values are strings or null.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Object {
    pub id: String,
    #[serde(default)]
    pub properties: Map<String, Value>,
    /// In the recycling bin: deleted, restorable for 90 days.
    #[serde(default)]
    pub archived: bool,
    #[serde(default)]
    pub associations: Option<Map<String, Value>>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

impl Object {
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties
            .get(name)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }

    /// Associated record ids of one object type, with their association type names.
    pub fn associated(&self, to: &str) -> Vec<(String, String)> {
        self.associations
            .as_ref()
            .and_then(|a| a.get(to))
            .and_then(|c| c.get("results"))
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| {
                        let id = match i.get("id")? {
                            Value::String(s) => s.clone(),
                            Value::Number(n) => n.to_string(),
                            _ => return None,
                        };
                        let kind = i
                            .get("type")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string();
                        Some((id, kind))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[derive(Debug, Deserialize)]
pub struct Paging {
    pub next: Option<NextPage>,
}

#[derive(Debug, Deserialize)]
pub struct NextPage {
    pub after: String,
}

/// A page of the list or the search endpoint.
#[derive(Debug, Deserialize)]
pub struct ObjectPage {
    pub results: Vec<Value>,
    pub paging: Option<Paging>,
    #[serde(default, deserialize_with = "count")]
    pub total: Option<u64>,
}

/// `total` is an int32 in deals.v3; a value that is no count (a mock's -2147483648) says nothing.
fn count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let n = Option::<i64>::deserialize(d)?;
    Ok(n.and_then(|n| u64::try_from(n).ok()))
}

impl ObjectPage {
    pub fn next_after(&self) -> Option<String> {
        self.paging.as_ref()?.next.as_ref().map(|n| n.after.clone())
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineWire {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub display_order: i64,
    #[serde(default)]
    pub stages: Vec<StageWire>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageWire {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub display_order: i64,
    #[serde(default)]
    pub metadata: Map<String, Value>,
}

impl StageWire {
    pub fn is_closed(&self) -> bool {
        self.metadata.get("isClosed").and_then(Value::as_str) == Some("true")
    }

    /// The stage's win probability, 0 to 1, from its metadata string.
    pub fn probability(&self) -> Option<rust_decimal::Decimal> {
        self.metadata
            .get("probability")
            .and_then(crate::model::decimal_from_json)
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerWire {
    pub id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub archived: bool,
    /// The owner's user id (crmOwners.v3 `userId`), which property history names as
    /// `updatedByUserId`; `userIdIncludingInactive` keeps it for a deactivated user.
    #[serde(default)]
    pub user_id: Option<i64>,
    #[serde(default)]
    pub user_id_including_inactive: Option<i64>,
}

impl OwnerWire {
    /// Whether this owner is the user `user_id` (a history entry's `updatedByUserId`).
    pub fn is_user(&self, user_id: i64) -> bool {
        self.user_id == Some(user_id) || self.user_id_including_inactive == Some(user_id)
    }

    /// The owner as crm's common [`User`].
    pub fn to_user(&self) -> User {
        User {
            id: self.id.clone(),
            name: self.display_name(),
            email: self.email.clone(),
            archived: self.archived,
        }
    }

    pub fn display_name(&self) -> String {
        let name = [self.first_name.as_deref(), self.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            self.email.clone().unwrap_or_else(|| self.id.clone())
        } else {
            name
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyWire {
    pub name: String,
    #[serde(default)]
    pub label: String,
    #[serde(default, rename = "type")]
    pub kind: String,
    /// How the web app shows it: `select` (one option), `checkbox` (several), `text`, …
    #[serde(default)]
    pub field_type: String,
    #[serde(default)]
    pub hubspot_defined: Option<bool>,
    #[serde(default)]
    pub has_unique_value: bool,
    #[serde(default)]
    pub calculated: bool,
    #[serde(default)]
    pub modification_metadata: Option<Map<String, Value>>,
    #[serde(default)]
    pub options: Vec<OptionWire>,
}

impl PropertyWire {
    pub fn read_only(&self) -> bool {
        self.calculated
            || self
                .modification_metadata
                .as_ref()
                .and_then(|m| m.get("readOnlyValue"))
                .and_then(Value::as_bool)
                .unwrap_or(false)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct OptionWire {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelWire {
    pub category: String,
    pub type_id: i64,
    #[serde(default)]
    pub label: Option<String>,
}

/// `GET /account-info/v3/details`: the portal (account) a token belongs to.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountWire {
    pub portal_id: u64,
    #[serde(default)]
    pub ui_domain: Option<String>,
    #[serde(default)]
    pub data_hosting_location: Option<String>,
    /// The account's company currency (ISO 4217): the currency of a deal without
    /// `deal_currency_code`, and the one `amount_in_home_currency` is in.
    #[serde(default)]
    pub company_currency: Option<String>,
}

/// A deal read with `propertiesWithHistory` (deals.v3 `SimplePublicObjectWithAssociations`):
/// each named property's values, newest first.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryObject {
    #[serde(default)]
    pub archived: bool,
    #[serde(default)]
    pub properties_with_history: std::collections::HashMap<String, Vec<ValueWithTimestamp>>,
}

/// One value a property had (deals.v3 `ValueWithTimestamp`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValueWithTimestamp {
    #[serde(default)]
    pub value: Option<String>,
    /// ISO 8601 (the spec's `date-time`).
    pub timestamp: String,
    /// How it was set: `CRM_UI`, `API`, `CALCULATED`, …
    #[serde(default)]
    pub source_type: Option<String>,
    #[serde(default)]
    pub updated_by_user_id: Option<i64>,
}
