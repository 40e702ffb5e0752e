//! The common deal model: one shape for every vendor (DESIGN §3).
//!
//! Pure data and the parsing of user-typed values; nothing here knows a vendor's wire format.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::Error;

/// The CRMs `crm` speaks to. What crm knows of each is in its descriptor, `Vendor::spec()`
/// (`src/adapter/<vendor>/spec.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Vendor {
    Hubspot,
    Pipedrive,
    Sell,
}

impl Vendor {
    pub const ALL: [Vendor; 3] = [Vendor::Hubspot, Vendor::Pipedrive, Vendor::Sell];

    /// The identifier used in JSON, config files and `CRM_VENDOR`.
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// The name people know the product by.
    pub fn display_name(self) -> &'static str {
        self.spec().display_name
    }

    /// The vendors' keys as a flag's choices: `hubspot|pipedrive|sell`.
    pub fn keys_as_choice() -> String {
        Vendor::ALL.map(Vendor::key).join("|")
    }

    /// The vendors' keys as a sentence: `hubspot, pipedrive or sell`.
    pub fn keys_listed() -> String {
        let keys = Vendor::ALL.map(Vendor::key);
        match keys.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

impl FromStr for Vendor {
    type Err = Error;
    /// A vendor's key or one of its aliases, in any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        let wanted = s.trim().to_ascii_lowercase();
        Vendor::ALL
            .into_iter()
            .find(|v| v.key() == wanted || v.spec().aliases.contains(&wanted.as_str()))
            .ok_or_else(|| {
                Error::usage(format!(
                    "unknown vendor {wanted:?}: expected {}",
                    Vendor::keys_listed()
                ))
            })
    }
}

/// A reference to a named vendor object (stage, pipeline, owner): the id always, the name when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ref {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Ref {
    pub fn id(id: impl Into<String>) -> Self {
        Ref {
            id: id.into(),
            name: None,
        }
    }

    /// What a person should read: the name, or the id when no name is known.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Open,
    Won,
    Lost,
    Unqualified,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Won => "won",
            Status::Lost => "lost",
            Status::Unqualified => "unqualified",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// What `deals list --status` accepts: a deal's status, or the deals a vendor keeps after a delete.
/// Kept apart from [`Status`] because no deal *has* the status deleted in the common model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListStatus {
    Open,
    Won,
    Lost,
    Unqualified,
    Deleted,
}

impl ListStatus {
    /// The deal status to filter on; `None` for deleted, which is `ListQuery::deleted`.
    pub fn deal_status(self) -> Option<Status> {
        match self {
            ListStatus::Open => Some(Status::Open),
            ListStatus::Won => Some(Status::Won),
            ListStatus::Lost => Some(Status::Lost),
            ListStatus::Unqualified => Some(Status::Unqualified),
            ListStatus::Deleted => None,
        }
    }
}

/// A deal in the common shape. Field order is the JSON order users see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    pub id: String,
    pub vendor: Vendor,
    pub name: Option<String>,
    #[serde(with = "amount_serde")]
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    pub pipeline: Option<Ref>,
    pub stage: Option<Ref>,
    pub status: Option<Status>,
    /// A deal deleted but still kept by the vendor (HubSpot's recycling bin, Pipedrive's 30 days):
    /// `"deleted": true`, its real status kept; the key is left out otherwise.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
    /// Pipedrive's own archive (`is_archived`): a live deal put aside, not deleted.
    #[serde(default, skip_serializing_if = "is_false")]
    pub archived: bool,
    pub owner: Option<Ref>,
    pub close_date: Option<NaiveDate>,
    #[serde(with = "amount_serde")]
    pub probability: Option<Decimal>,
    #[serde(default)]
    pub contacts: Vec<String>,
    pub company: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default, serialize_with = "sorted_custom")]
    pub custom: Map<String, Value>,
    #[serde(default, with = "time_serde")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, with = "time_serde")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<Value>,
}

impl Deal {
    /// An empty deal with only its identity set; adapters fill in the rest.
    pub fn new(vendor: Vendor, id: impl Into<String>) -> Self {
        Deal {
            id: id.into(),
            vendor,
            name: None,
            amount: None,
            currency: None,
            pipeline: None,
            stage: None,
            status: None,
            deleted: false,
            archived: false,
            owner: None,
            close_date: None,
            probability: None,
            contacts: Vec::new(),
            company: None,
            tags: Vec::new(),
            custom: Map::new(),
            created_at: None,
            updated_at: None,
            url: None,
            raw: None,
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An amount or a percentage as crm writes it everywhere (JSON, CSV, tables, messages): the exact
/// value in canonical form, with no exponent and no trailing fractional zeros (`"1253"`,
/// `"12.5"`), so the same amount reads the same whatever the vendor sent (`1253`, `"1253.00"`).
pub fn decimal_text(value: Decimal) -> String {
    let text = value.normalize().to_string();
    // `-0` and `0` are the same amount.
    if text == "-0" {
        "0".into()
    } else {
        text
    }
}

/// A time as crm writes it everywhere (JSON, CSV, tables, the trash file): RFC 3339 in UTC with
/// `Z`, whole seconds, or milliseconds where the time has a fraction (HubSpot keeps them).
pub fn time_text(t: DateTime<Utc>) -> String {
    use chrono::{SecondsFormat, Timelike};
    let millis = t.nanosecond() / 1_000_000;
    let form = if millis == 0 {
        SecondsFormat::Secs
    } else {
        SecondsFormat::Millis
    };
    t.to_rfc3339_opts(form, true)
}

/// A deal's custom fields in one order on every vendor: by name, ignoring case (vendors answer
/// in their own orders, which would make the same deal read differently).
pub fn custom_in_order(custom: &Map<String, Value>) -> Map<String, Value> {
    custom_fields_in_order(custom)
        .into_iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn custom_fields_in_order(custom: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut fields: Vec<(&String, &Value)> = custom.iter().collect();
    fields.sort_by_cached_key(|(k, _)| (k.to_lowercase(), *k));
    fields
}

fn sorted_custom<S: serde::Serializer>(
    custom: &Map<String, Value>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(custom_fields_in_order(custom))
}

/// Times travel as [`time_text`]; input takes any RFC 3339 time.
mod time_serde {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(t) => s.serialize_str(&super::time_text(*t)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        Option::<DateTime<Utc>>::deserialize(d)
    }
}

/// Amounts travel as exact decimal strings in canonical form (`"1000.5"`), never as JSON numbers.
mod amount_serde {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};
    use serde_json::Value;

    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => s.serialize_str(&super::decimal_text(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let value = Option::<Value>::deserialize(d)?;
        match value {
            None | Some(Value::Null) => Ok(None),
            Some(v) => super::decimal_from_json(&v)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("not an exact decimal: {v}"))),
        }
    }
}

/// Reads an exact decimal from a JSON number or string, from its text (never through f64).
pub fn decimal_from_json(value: &Value) -> Option<Decimal> {
    let text = match value {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    if text.is_empty() {
        return None;
    }
    Decimal::from_str_exact(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .ok()
}

/// The fields a user sets on create or update. Names (stage, pipeline, owner) are resolved by the adapter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealInput {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(
        default,
        serialize_with = "amount_serde::serialize",
        deserialize_with = "amount_input"
    )]
    pub amount: Option<Decimal>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "pipeline_ref")]
    pub pipeline: Option<String>,
    #[serde(default, deserialize_with = "stage_ref")]
    pub stage: Option<String>,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub lost_reason: Option<String>,
    #[serde(default, deserialize_with = "owner_ref")]
    pub owner: Option<String>,
    #[serde(default, deserialize_with = "input_date")]
    pub close_date: Option<NaiveDate>,
    #[serde(default)]
    pub contacts: Vec<String>,
    #[serde(default)]
    pub company: Option<String>,
    /// Replaces the whole tag set.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Adds to the existing tag set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_tags: Vec<String>,
    /// Custom fields by name (`--set KEY=VALUE`, or `custom` in JSON input).
    #[serde(default)]
    pub custom: Map<String, Value>,
    /// Fields and properties to clear.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unset: Vec<String>,
    /// The pipeline a write that turns out to create a deal uses when the input names neither a
    /// pipeline nor a stage (the profile's default pipeline; an upsert learns only at the vendor
    /// whether it creates). Never read from input.
    #[serde(skip)]
    pub default_pipeline: Option<String>,
}

impl DealInput {
    pub fn is_empty(&self) -> bool {
        *self == DealInput::default()
    }

    /// A deal's name is never empty: required on create on every vendor (a create without one
    /// would make a nameless deal), and never set to blank on update.
    pub fn check_name(&self, creating: bool) -> Result<(), Error> {
        match self.name.as_deref().map(str::trim) {
            Some("") => Err(Error::usage_hint(
                "the deal's name is empty",
                "give it a name: --name \"Acme renewal\", or \"name\": \"…\" in JSON",
            )),
            None if creating => Err(Error::usage_hint(
                "a deal needs a name",
                "pass --name \"…\" (or \"name\": \"…\" in JSON input)",
            )),
            _ if self.unset.iter().any(|k| k.trim() == "name") => Err(Error::usage_hint(
                "a deal's name cannot be removed",
                "give it another name with --name instead",
            )),
            _ => Ok(()),
        }
    }

    /// Reads one deal of `--from` input: the common JSON shape, where output-only fields and an
    /// empty `tags` are ignored so that `crm deals get 1 -o json | crm deals create --from -`
    /// works on every vendor (a vendor without tags prints `"tags": []`; DESIGN §3).
    pub fn from_json(value: Value) -> Result<DealInput, String> {
        let Value::Object(mut map) = value else {
            return Err("expected a JSON object for a deal".into());
        };
        for key in std::iter::once("id").chain(OUTPUT_ONLY_FIELDS) {
            map.remove(key);
        }
        if map
            .get("tags")
            .is_some_and(|t| t.as_array().is_some_and(Vec::is_empty))
        {
            map.remove("tags");
        }
        serde_json::from_value(Value::Object(map)).map_err(|e| e.to_string())
    }
}

/// Fields of the deal JSON that the vendor owns: read from output, never written from input.
pub const OUTPUT_ONLY_FIELDS: [&str; 8] = [
    "vendor",
    "deleted",
    "archived",
    "probability",
    "created_at",
    "updated_at",
    "url",
    "raw",
];

/// `amount` of JSON input: see [`input_amount`].
fn amount_input<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    let value = Option::<Value>::deserialize(d)?.unwrap_or(Value::Null);
    input_amount(&value).map_err(serde::de::Error::custom)
}

/// A stage, pipeline or owner of JSON input, in every form output prints or a person writes:
/// `"Won"` (a name or an id), `7`, `{"id": "7"}`, `{"name": "Won"}`, or `{"id": "7", "name": "Won"}`
/// (the id wins: it is exact, and the name is only its label). Anything else is an error, never a
/// silent drop.
pub fn ref_text(field: &str, value: &Value) -> Result<Option<String>, String> {
    let text = |v: &Value| match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let bad = || {
        format!(
            "{field} {value} is not a name or an id: write \"{field}\": \"Name\", \
             {{\"name\": \"Name\"}} or {{\"id\": \"123\"}}"
        )
    };
    match value {
        Value::Null => Ok(None),
        Value::String(_) | Value::Number(_) => text(value).map(Some).ok_or_else(bad),
        Value::Object(o) => {
            if o.keys().any(|k| k != "id" && k != "name") {
                return Err(bad());
            }
            let id = o.get("id").filter(|v| !v.is_null());
            let name = o.get("name").filter(|v| !v.is_null());
            match (id.map(text), name.map(text)) {
                (Some(None), _) | (_, Some(None)) | (None, None) => Err(bad()),
                (Some(Some(id)), _) => Ok(Some(id)),
                (None, Some(Some(name))) => Ok(Some(name)),
            }
        }
        _ => Err(bad()),
    }
}

macro_rules! ref_field {
    ($fn:ident, $field:literal) => {
        fn $fn<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
            let value = Option::<Value>::deserialize(d)?.unwrap_or(Value::Null);
            ref_text($field, &value).map_err(serde::de::Error::custom)
        }
    };
}
ref_field!(stage_ref, "stage");
ref_field!(pipeline_ref, "pipeline");
ref_field!(owner_ref, "owner");

/// A `NAME=VALUE` pair of `--set`, `--custom` or `--match` (`flag` names it in the message): the
/// name trimmed and not empty, the value as given (it may hold `=`).
pub fn parse_pair(flag: &str, text: &str) -> Result<(String, String), Error> {
    match text.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(Error::usage_hint(
            format!("{flag} {text:?} is not NAME=VALUE"),
            format!("write it as {flag} \"Region=EMEA\""),
        )),
    }
}

/// One sort key of `--sort FIELD[:desc]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sort {
    pub field: String,
    pub descending: bool,
}

impl FromStr for Sort {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (field, dir) = match s.split_once(':') {
            Some((f, d)) => (f, d),
            None => (s, "asc"),
        };
        let descending = match dir.to_ascii_lowercase().as_str() {
            "asc" => false,
            "desc" => true,
            other => return Err(format!("sort direction {other:?}: expected asc or desc")),
        };
        if field.is_empty() {
            return Err("empty sort field".into());
        }
        Ok(Sort {
            field: field.to_string(),
            descending,
        })
    }
}

/// The filters of `deals list` and `deals export`, as the user typed them (names unresolved).
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub stage: Option<String>,
    pub pipeline: Option<String>,
    pub owner: Option<String>,
    pub status: Option<Status>,
    pub contact: Option<String>,
    pub company: Option<String>,
    pub updated_since: Option<DateTime<Utc>>,
    /// Only deals last changed before this time (exclusive, as Pipedrive's `updated_until`).
    pub updated_until: Option<DateTime<Utc>>,
    pub search: Option<String>,
    pub archived: bool,
    /// Deals deleted but still kept by the vendor (`--status deleted`).
    pub deleted: bool,
    /// Only these deals (`--ids`), each checked to be a number.
    pub ids: Vec<String>,
    /// Only deals with exactly this name.
    pub name: Option<String>,
    /// Only deals expected to close on this day.
    pub close_date: Option<NaiveDate>,
    /// Only deals marked hot (Zendesk Sell).
    pub hot: bool,
    /// Only deals from this source, as typed (Zendesk Sell; an id).
    pub source: Option<String>,
    pub sort: Option<Sort>,
    /// At most this many deals; `None` means all of them.
    pub limit: Option<usize>,
    pub with_contacts: bool,
    /// Custom-field equality filters (`--custom NAME=VALUE`), by field name.
    pub custom: Vec<(String, String)>,
}

/// A page of deals and where the next one starts.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub deals: Vec<Deal>,
    pub next: Option<String>,
}

/// A pipeline with its stages, in the vendor's display order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    pub id: String,
    pub name: String,
    pub stages: Vec<Stage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub pipeline_id: String,
    /// The status a deal in this stage has (`won`, `lost`, … or `open`).
    pub status: Status,
    /// The win probability in percent a deal in this stage has unless it says otherwise.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "amount_serde"
    )]
    pub probability: Option<Decimal>,
}

/// A user who can own or follow deals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default)]
    pub archived: bool,
}

/// What `associate` / `dissociate` link a deal to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Contact(String),
    Company(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssociateOptions {
    pub primary: bool,
    pub replace: bool,
    pub role: Option<String>,
    pub label: Option<String>,
}

/// Checks the form of a record id before it goes into a URL path: every vendor's deal, contact and
/// company ids are decimal numbers, so `../contacts/1` or `1?x=y` never reach the network.
pub fn check_id(kind: &str, text: &str) -> Result<String, Error> {
    let t = text.trim();
    if !t.is_empty() && t.len() <= 20 && t.bytes().all(|b| b.is_ascii_digit()) {
        Ok(t.to_string())
    } else {
        Err(Error::usage_hint(
            format!("{kind} id {text:?} is not a valid id"),
            format!("{kind} ids are numbers, e.g. 12345"),
        ))
    }
}

/// Parses a user-typed amount: digits with an optional `.` and decimals, an optional leading `-`;
/// no thousands separators, no exponent. The same rule for `--amount` and for JSON input.
pub fn parse_amount(text: &str) -> Result<Decimal, Error> {
    amount_text(text).map_err(|problem| {
        Error::usage_hint(
            format!("amount {text:?} {problem}"),
            "write amounts with a dot for decimals and no separators, e.g. --amount 1500.00",
        )
    })
}

/// The amount rule itself; `Err` says what is wrong, to follow the value in a message.
fn amount_text(text: &str) -> Result<Decimal, &'static str> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let well_formed = digits.split('.').count() <= 2
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().any(|c| c.is_ascii_digit());
    if !well_formed {
        return Err("is not a number");
    }
    Decimal::from_str_exact(t).map_err(|_| "is out of range (at most 28 digits)")
}

/// An amount of JSON input (`--from`, import): a string or a number, read by [`parse_amount`]'s
/// rule from its text, so `"1e3"` is refused as `--amount 1e3` is.
pub fn input_amount(value: &Value) -> Result<Option<Decimal>, String> {
    let text = match value {
        Value::Null => return Ok(None),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => return Err(format!("amount {other} is not a number")),
    };
    amount_text(&text).map(Some).map_err(|problem| {
        format!(
            "amount {text:?} {problem}: write it with a dot for decimals and no separators or \
             exponent, e.g. \"1500.00\""
        )
    })
}

/// The years a date may have: anything else is a typo (`26-01-05` is not the year 26).
const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Parses a calendar date: exactly `YYYY-MM-DD`, a real day, in the years 1900 to 9999.
pub fn parse_date(text: &str) -> Result<NaiveDate, Error> {
    date_text(text).map_err(|problem| {
        Error::usage_hint(
            format!("date {text:?} {problem}"),
            "write dates as YYYY-MM-DD, e.g. --close-date 2026-12-31",
        )
    })
}

/// [`parse_date`] for a flag: the message names it (`--close-date "26-01-05" is not …`).
pub fn parse_flag_date(flag: &str, text: &str) -> Result<NaiveDate, Error> {
    date_text(text).map_err(|problem| {
        Error::usage_hint(
            format!("{flag} {text:?} {problem}"),
            format!("write dates as YYYY-MM-DD, e.g. {flag} 2026-12-31"),
        )
    })
}

fn date_text(text: &str) -> Result<NaiveDate, &'static str> {
    let t = text.trim();
    let shaped = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err("is not a date in the form YYYY-MM-DD");
    }
    let date = NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| "is not a real day")?;
    if !DATE_YEARS.contains(&chrono::Datelike::year(&date)) {
        return Err("is out of range (years 1900 to 9999)");
    }
    Ok(date)
}

/// A date of JSON input (`close_date`), by [`parse_date`]'s rule, the field named in the message.
fn input_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => date_text(&s).map(Some).map_err(|problem| {
            serde::de::Error::custom(format!(
                "close_date {s:?} {problem}: write it as YYYY-MM-DD, e.g. \"2026-12-31\""
            ))
        }),
        Some(other) => Err(serde::de::Error::custom(format!(
            "close_date {other} is not a date: write it as \"YYYY-MM-DD\""
        ))),
    }
}

/// Times before this are not deal times: every vendor counts from the Unix epoch.
const EARLIEST_TIME: &str = "1970-01-01T00:00:00Z";

/// Parses a point in time given to `flag`: RFC 3339, a date (midnight UTC), or an age counted back
/// from `now` such as `7d`, `12h`, `30m`, `2w`. A time before 1970 is refused (exit 2, naming
/// the flag), so an overlong age is an error rather than an empty answer.
pub fn parse_time(flag: &str, text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, Error> {
    let hint = "write 2026-11-01, 2026-11-01T09:30:00Z, or an age such as 7d, 12h, 30m or 2w";
    let out_of_range = || {
        Error::usage_hint(
            format!("{flag} {text:?} is out of range: times start at 1970-01-01"),
            hint,
        )
    };
    let t = text.trim();
    let earliest = DateTime::parse_from_rfc3339(EARLIEST_TIME)
        .expect("a valid time")
        .with_timezone(&Utc);
    let at = if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        Some(dt.with_timezone(&Utc))
    } else if t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') {
        let date = date_text(t)
            .map_err(|problem| Error::usage_hint(format!("{flag} {text:?} {problem}"), hint))?;
        Some(
            date.and_hms_opt(0, 0, 0)
                .expect("midnight exists")
                .and_utc(),
        )
    } else {
        None
    };
    if let Some(at) = at {
        return if at < earliest {
            Err(out_of_range())
        } else {
            Ok(at)
        };
    }
    if let Some(unit) = t.chars().last() {
        let number = &t[..t.len() - unit.len_utf8()];
        let per_unit: Option<i64> = match unit {
            'm' => Some(60),
            'h' => Some(3_600),
            'd' => Some(86_400),
            'w' => Some(604_800),
            _ => None,
        };
        if let (Some(per_unit), false) = (per_unit, number.is_empty()) {
            if number.bytes().all(|b| b.is_ascii_digit()) {
                let seconds = number
                    .parse::<i64>()
                    .ok()
                    .and_then(|n| n.checked_mul(per_unit))
                    .and_then(chrono::TimeDelta::try_seconds);
                return match seconds.and_then(|age| now.checked_sub_signed(age)) {
                    Some(at) if at >= earliest => Ok(at),
                    _ => Err(out_of_range()),
                };
            }
            if number.starts_with('-') {
                return Err(Error::usage_hint(
                    format!("{flag} {text:?} is a negative age"),
                    "an age counts back from now (7d); for a time to come give a date",
                ));
            }
        }
    }
    Err(Error::usage_hint(
        format!("{flag} {text:?} is not a valid time"),
        hint,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact_and_strict() {
        assert_eq!(parse_amount("1500.00").unwrap().to_string(), "1500.00");
        assert_eq!(parse_amount("0.1").unwrap().to_string(), "0.1");
        assert_eq!(parse_amount("-5").unwrap().to_string(), "-5");
        for bad in [
            "12,5",
            "1.2.3",
            "",
            "abc",
            "1e3",
            "-",
            "--5",
            "99999999999999999999999999999",
        ] {
            let err = parse_amount(bad).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad}");
        }
    }

    #[test]
    fn decimals_read_from_json_text_not_f64() {
        let v: Value = serde_json::from_str("[0.1, 1e2, 12345678901234.56, \"1000.50\"]").unwrap();
        let got: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|x| decimal_from_json(x).unwrap().to_string())
            .collect();
        assert_eq!(got, ["0.1", "100", "12345678901234.56", "1000.50"]);
    }

    #[test]
    fn dates_are_validated() {
        assert!(parse_date("2026-12-31").is_ok());
        assert_eq!(parse_date("2026-13-40").unwrap_err().exit_code(), 2);
    }

    #[test]
    fn times_accept_rfc3339_dates_and_ages() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let t = |text: &str| parse_time("--updated-since", text, now);
        assert_eq!(t("7d").unwrap().to_rfc3339(), "2026-11-15T12:00:00+00:00");
        assert_eq!(t("2w").unwrap().to_rfc3339(), "2026-11-08T12:00:00+00:00");
        assert_eq!(
            t("2026-11-01").unwrap().to_rfc3339(),
            "2026-11-01T00:00:00+00:00"
        );
        assert!(t("last week").is_err());
    }

    #[test]
    fn times_out_of_bounds_are_usage_errors_naming_the_flag() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        // Issue 15: 100000000d panicked in chrono; 700000d reached HubSpot as a time before 1970.
        for bad in [
            "100000000d",
            "700000d",
            "99999999999999999999w",
            "9223372036854775807m",
            "1960-01-01",
            "1969-12-31T23:59:59Z",
            "-5d",
            "d",
            "0026-01-05",
        ] {
            let e = parse_time("--updated-until", bad, now).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
            assert!(e.to_string().starts_with("--updated-until"), "{e}");
        }
        assert!(parse_time("--updated-since", "0d", now).is_ok());
        assert!(parse_time("--updated-since", "20000d", now).is_ok());
    }

    #[test]
    fn dates_are_four_digit_years_in_range() {
        for bad in [
            "26-01-05",
            "0000-01-01",
            "0026-01-05",
            "+2026-01-05",
            "2026-1-5",
            "2026-02-30",
        ] {
            assert_eq!(parse_date(bad).unwrap_err().exit_code(), 2, "{bad}");
        }
        let e = parse_flag_date("--close-date", "26-01-05").unwrap_err();
        assert!(
            e.to_string().starts_with("--close-date \"26-01-05\""),
            "{e}"
        );
        assert_eq!(
            parse_date(" 2026-01-05 ").unwrap().to_string(),
            "2026-01-05"
        );
    }

    #[test]
    fn json_input_names_the_field_and_value_of_a_bad_date_or_amount() {
        let e = DealInput::from_json(serde_json::json!({"close_date": "2026-02-30"})).unwrap_err();
        assert!(e.contains("close_date \"2026-02-30\""), "{e}");
        let e = DealInput::from_json(serde_json::json!({"amount": "1e3"})).unwrap_err();
        assert!(e.contains("amount \"1e3\""), "{e}");
        let number: Value = serde_json::from_str(r#"{"amount": 1e3}"#).unwrap();
        assert!(DealInput::from_json(number).is_err());
        let fine: Value = serde_json::from_str(r#"{"amount": 1500.50}"#).unwrap();
        assert_eq!(
            DealInput::from_json(fine)
                .unwrap()
                .amount
                .unwrap()
                .to_string(),
            "1500.50"
        );
        assert_eq!(
            DealInput::from_json(serde_json::json!({"amount": "-5"}))
                .unwrap()
                .amount
                .unwrap()
                .to_string(),
            "-5"
        );
    }

    #[test]
    fn references_read_as_name_id_or_both() {
        let read = |v: Value| DealInput::from_json(serde_json::json!({ "stage": v }));
        assert_eq!(
            read(serde_json::json!("Won")).unwrap().stage.as_deref(),
            Some("Won")
        );
        assert_eq!(
            read(serde_json::json!(7)).unwrap().stage.as_deref(),
            Some("7")
        );
        assert_eq!(
            read(serde_json::json!({"name": "Closed Won"}))
                .unwrap()
                .stage
                .as_deref(),
            Some("Closed Won")
        );
        assert_eq!(
            read(serde_json::json!({"id": "7", "name": "Won"}))
                .unwrap()
                .stage
                .as_deref(),
            Some("7")
        );
        assert_eq!(
            read(serde_json::json!({"id": null, "name": "Won"}))
                .unwrap()
                .stage
                .as_deref(),
            Some("Won")
        );
        assert_eq!(read(Value::Null).unwrap().stage, None);
        for bad in [
            serde_json::json!({}),
            serde_json::json!({"nam": "Won"}),
            serde_json::json!({"name": ""}),
            serde_json::json!({"name": true}),
            serde_json::json!([]),
            serde_json::json!(""),
        ] {
            let e = read(bad.clone()).unwrap_err();
            assert!(e.contains("stage"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_name_is_required_on_create_and_never_blank() {
        let named = |n: Option<&str>| DealInput {
            name: n.map(str::to_string),
            ..DealInput::default()
        };
        assert!(named(Some("A")).check_name(true).is_ok());
        assert!(named(None).check_name(false).is_ok());
        assert_eq!(named(None).check_name(true).unwrap_err().exit_code(), 2);
        assert_eq!(
            named(Some(" ")).check_name(false).unwrap_err().exit_code(),
            2
        );
    }

    #[test]
    fn input_accepts_output_shape() {
        let v: Value = serde_json::json!({
            "id": "1", "vendor": "hubspot", "name": "A", "amount": "10.50", "tags": [],
            "url": "https://app.hubspot.com/contacts/1/record/0-3/1", "probability": "50",
            "stage": {"id": "s1", "name": "Won"}, "created_at": null
        });
        let input = DealInput::from_json(v).unwrap();
        assert_eq!(input.stage.as_deref(), Some("s1"));
        assert_eq!(input.tags, None);
        assert_eq!(input.amount.unwrap().to_string(), "10.50");
        assert!(DealInput::from_json(serde_json::json!({"nme": "typo"})).is_err());
    }

    #[test]
    fn sort_parses_direction() {
        let s: Sort = "amount:desc".parse().unwrap();
        assert!(s.descending);
        assert!("amount:sideways".parse::<Sort>().is_err());
    }
}
