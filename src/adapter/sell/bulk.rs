//! Upserts and `deals import` for Zendesk Sell: records checked without writing (`--plan`), deals
//! read by a custom field through the list filter `custom_fields[NAME]=VALUE`, and upserts by
//! Sell's own `POST /v2/deals/upsert?FILTERS`, which updates the one deal the filters match,
//! creates one when none does, and refuses (409) when several do; it does not say which it did.
//! It is idempotent by filter: an upsert whose outcome is unknown is simply sent again.

use futures::stream::{self, StreamExt, TryStreamExt};
use reqwest::Method;
use serde_json::{json, Map, Value};

use super::input::{self, custom_field, Mode, Plan};
use super::wire::{envelope, id_number};
use super::{list, Sell};
use crate::adapter::{read_ids, Bulk, Written};
use crate::error::{Error, Result};
use crate::model::{check_id, parse_amount, parse_date, Deal, DealInput};
use crate::resolve::did_you_mean;
use async_trait::async_trait;

/// Reads in flight at once; Sell's limiter (10 a second) paces them.
const READS_IN_FLIGHT: usize = 4;

impl Sell {
    /// Resolves every name and checks what Sell would refuse, sending no write.
    pub(super) async fn check_record(&self, input: &DealInput, creating: bool) -> Result<()> {
        let mode = if creating { Mode::Create } else { Mode::Update };
        input::contacts(input, mode, &mut Plan::default())?;
        self.plan(input, mode, None).await.map(|_| ())
    }

    /// The deals whose `key` (`id` or a custom field) has one of `values`. A custom field is read
    /// through the list filter, which reads the deals themselves.
    pub(super) async fn read_keyed(&self, key: &str, values: &[String]) -> Result<Vec<Deal>> {
        if key == "id" {
            return read_ids(values, READS_IN_FLIGHT, |id| async move {
                self.fetch_deal(&id).await
            })
            .await;
        }
        let fields = self.custom_fields().await?;
        let name = input::custom_field(&fields, key)?.name.clone();
        let filter = format!("custom_fields[{name}]");
        let reading = list::Reading {
            with_contacts: false,
            raw: self.env.raw,
        };
        let pages: Vec<Vec<Deal>> = stream::iter(values.to_vec())
            .map(|value| {
                let params = vec![(filter.clone(), value)];
                async move {
                    // A unique key matches one deal; a full page means duplicates worth seeing.
                    let (_, deals) = self.deal_page(&params, 1, list::PAGE, reading).await?;
                    Ok::<_, Error>(deals)
                }
            })
            .buffered(READS_IN_FLIGHT)
            .try_collect()
            .await?;
        Ok(pages.into_iter().flatten().collect())
    }

    /// One upsert per record, without the per-call notice about a missing contact (the import's
    /// report names each record Sell refuses).
    pub(super) async fn upsert_each(
        &self,
        key: &str,
        items: &[(String, DealInput)],
    ) -> Vec<Result<Written>> {
        let mut out = Vec::with_capacity(items.len());
        for (value, input) in items {
            let matches = [(key.to_string(), value.clone())];
            out.push(self.upsert_by_filters(&matches, input, false).await);
        }
        out
    }
}

/// The common fields `--match` accepts besides custom field names.
const MATCHABLE: [&str; 7] = [
    "name",
    "owner",
    "stage",
    "contact",
    "company",
    "close_date",
    "amount",
];

/// One `--match` as a query filter, and the attribute a created deal should carry.
struct Filter {
    query: (String, String),
    /// `(attribute, value)` for the body; `custom_fields` entries are merged.
    body: Option<(String, Value)>,
}

impl Sell {
    async fn filter(&self, field: &str, value: &str) -> Result<Filter> {
        let plain = |attribute: &str, v: Value| Filter {
            query: (attribute.to_string(), value_text(&v)),
            body: Some((attribute.to_string(), v)),
        };
        Ok(match field {
            "name" => plain("name", json!(value)),
            "owner" => plain(
                "owner_id",
                id_number(&self.meta().await?.resolve_user(value)?.id)?,
            ),
            "stage" => plain(
                "stage_id",
                id_number(&self.meta().await?.resolve_stage(value, None)?.id)?,
            ),
            "contact" => plain("contact_id", id_number(&check_id("contact", value)?)?),
            "company" => Filter {
                query: (
                    "organization_id".into(),
                    check_id("company", value)?.to_string(),
                ),
                // Read-only in Sell: it follows the primary contact.
                body: None,
            },
            "close_date" => plain(
                "estimated_close_date",
                json!(parse_date(value)?.to_string()),
            ),
            "amount" => plain(
                "value",
                json!(super::convert::amount_text(parse_amount(value)?)?),
            ),
            custom => {
                let fields = self.custom_fields().await?;
                let found = custom_field(&fields, custom).map_err(|_| {
                    let names: Vec<&str> = MATCHABLE
                        .iter()
                        .copied()
                        .chain(fields.iter().map(|f| f.name.as_str()))
                        .collect();
                    let custom_names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                    let known = format!(
                        "match on {} or a deal custom field ({})",
                        MATCHABLE.join(", "),
                        custom_names.join(", ")
                    );
                    let hint = match did_you_mean(custom, names) {
                        Some(n) => format!("did you mean {n:?}? {known}"),
                        None => known,
                    };
                    Error::usage_hint(format!("unknown --match field {custom:?}"), hint)
                })?;
                Filter {
                    query: (format!("custom_fields[{}]", found.name), value.to_string()),
                    body: Some((format!("custom_fields.{}", found.name), json!(value))),
                }
            }
        })
    }

    pub(super) async fn upsert_by_filters(
        &self,
        matches: &[(String, String)],
        input: &DealInput,
        warn_contact: bool,
    ) -> Result<Written> {
        if matches.is_empty() {
            return Err(Error::usage("Zendesk Sell upserts on at least one --match"));
        }
        let mut filters = Vec::new();
        for (field, value) in matches {
            filters.push(self.filter(field, value).await?);
        }
        let plan = self.plan(input, Mode::Upsert, None).await?;
        let mut data = plan.data;
        for (attribute, value) in filters.iter().filter_map(|f| f.body.clone()) {
            match attribute.strip_prefix("custom_fields.") {
                Some(name) => {
                    let custom = data
                        .entry("custom_fields")
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(c) = custom {
                        c.entry(name.to_string()).or_insert(value);
                    }
                }
                None => {
                    data.entry(attribute).or_insert(value);
                }
            }
        }
        self.tell(&plan.notices);
        if warn_contact && !data.contains_key("contact_id") {
            self.env.notice(
                "no --contact: if no deal matches, Zendesk Sell cannot create one (a new deal \
                 needs a primary contact) and refuses the upsert",
            );
        }
        let described: Vec<String> = matches.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut request = super::request(Method::POST, &["v2", "deals", "upsert"])
            .json(envelope("deal", Value::Object(data)))
            .idempotent(true)
            .subject(format!("upsert of the deal with {}", described.join(", ")));
        for f in &filters {
            request = request.query(&f.query.0, &f.query.1);
        }
        let body = match self.env.http.send(request).await {
            Ok(r) => r.body,
            Err(Error::Rejected {
                vendor,
                status: 409,
                message,
            }) => {
                return Err(Error::Rejected {
                    vendor,
                    status: 409,
                    message: format!(
                        "several deals match {}, so Zendesk Sell does not know which to update; \
                         match on something unique, such as an external id custom field ({message})",
                        described.join(", ")
                    ),
                })
            }
            Err(e) => return Err(e),
        };
        // Sell does not say whether it created or updated: `created` stays unknown.
        Ok(Written::new(self.read_deal(body).await?))
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[async_trait]
impl Bulk for Sell {
    async fn validate(&self, input: &DealInput, creating: bool) -> Result<()> {
        self.check_record(input, creating).await
    }

    async fn upsert_batch(&self, key: &str, items: &[(String, DealInput)]) -> Vec<Result<Written>> {
        self.upsert_each(key, items).await
    }

    async fn read_by_key(&self, key: &str, values: &[String]) -> Result<Vec<Deal>> {
        self.read_keyed(key, values).await
    }
}
