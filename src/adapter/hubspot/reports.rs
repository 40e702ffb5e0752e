//! HubSpot's reports: the facts of deals through the deals list (asking only for the properties a
//! report reads), the account's company currency, and each field's changes through
//! `propertiesWithHistory`. HubSpot has no summary or timeline endpoint: crm sums the list.

use async_trait::async_trait;
use futures::stream::{StreamExt, TryStreamExt};
use serde_json::Value;

use super::convert::{self, FIELD_PROPERTIES};
use super::list::Wanted;
use super::meta::Meta;
use super::wire::{AccountWire, HistoryObject, ValueWithTimestamp};
use super::HubSpot;
use crate::adapter::error::no_such_deal;
use crate::adapter::reports::history_fields;
use crate::adapter::{FactNeeds, FactPages, Reports};
use crate::error::{Error, Result};
use crate::http::prefetch::Prefetch;
use crate::http::{path, Request};
use crate::model::{decimal_from_json, decimal_text, ListQuery, Status, Vendor};
use crate::reports::{Change, Fact};

/// What every report reads of a deal: [`Fact`]'s properties, read as `deals list` reads them (the
/// status from `hs_is_closed_won` / `hs_is_closed`, the probability from
/// `hs_deal_stage_probability`, each falling back to the stage's metadata), so a report and the
/// list agree deal for deal.
const FACT_PROPERTIES: [&str; 10] = [
    "amount",
    "deal_currency_code",
    "dealstage",
    "pipeline",
    "hubspot_owner_id",
    "closedate",
    "createdate",
    "hs_deal_stage_probability",
    "hs_is_closed_won",
    "hs_is_closed",
];

/// "Amount in company currency": the amount converted with the account's exchange rates, a
/// property HubSpot calculates (its knowledge base, "HubSpot's default deal properties").
const CONVERTED: &str = "amount_in_home_currency";

/// HubSpot documents no length limit for a request's URL: the property names of one history
/// request are kept under this many characters, well inside what servers and proxies on the way
/// accept (8 KB is the usual limit), and a long list is read with several requests.
const HISTORY_NAMES_BUDGET: usize = 2000;

#[async_trait]
impl Reports for HubSpot {
    /// The list (or search) `query` selects, asking for [`FACT_PROPERTIES`] only, plus
    /// `amount_in_home_currency` when `needs.converted`, without associations.
    async fn facts<'a>(&'a self, query: &ListQuery, needs: FactNeeds) -> Result<FactPages<'a>> {
        let meta = self.meta().await?;
        let home = self.currency_of_deals_without_one().await?;
        let mut properties: Vec<String> = FACT_PROPERTIES.map(String::from).to_vec();
        if needs.converted {
            properties.push(CONVERTED.to_string());
        }
        let wanted = Wanted {
            properties,
            associations: false,
        };
        let pages = self.object_pages(query, wanted).await?;
        let facts = Prefetch::new(pages).and_then(move |page| {
            let facts = page
                .results
                .into_iter()
                .map(|deal| to_fact(deal, &meta, home.as_deref(), needs))
                .collect();
            std::future::ready(facts)
        });
        Ok(facts.boxed())
    }

    /// The account's `companyCurrency` (`GET /account-info/v3/details`), cached with the portal's
    /// other details.
    async fn home_currency(&self) -> Result<Option<String>> {
        let meta = self.meta().await?;
        if let Some(code) = meta.company_currency() {
            return Ok(Some(code.to_string()));
        }
        // Details cached before crm kept the currency, or unreadable when the metadata was read:
        // ask now, and keep the answer for the next run.
        let cache = &self.env.cache;
        cache.forget("account");
        let account: AccountWire = cache.get_or_fetch("account", self.read_account()).await?;
        *self.memo.lock().expect("meta lock") = None;
        Ok(account.company_currency.filter(|c| !c.trim().is_empty()))
    }

    /// `GET /crm/v3/objects/deals/{id}?propertiesWithHistory=…` for the properties of the fields
    /// asked for (all of them when none is), in as many requests as the names need.
    async fn history(&self, id: &str, fields: &[String]) -> Result<Vec<Change>> {
        let tracked = self.with_fresh_meta(|m| chosen(m, fields)).await?;
        let meta = self.meta().await?;
        let mut changes = Vec::new();
        for group in in_requests(&tracked) {
            let names: Vec<&str> = group.iter().map(|f| f.property.as_str()).collect();
            let request = Request::get(path(&["crm", "v3", "objects", "deals", id]))
                .query("propertiesWithHistory", names.join(","));
            let body = self.send_for_deal(request, id).await?.body;
            let object: HistoryObject = serde_json::from_value(body).map_err(|e| {
                Error::internal(format!("HubSpot sent a deal history crm cannot read: {e}"))
            })?;
            // HubSpot reads the recycling bin only when asked (`archived=true`): a deleted deal
            // has no history to show, as `deals get` shows it none.
            if object.archived {
                let gone = Error::not_found("archived");
                return Err(no_such_deal(Vendor::Hubspot, gone, id));
            }
            for field in group {
                let values = object.properties_with_history.get(&field.property);
                changes.extend(field.changes(values.map_or(&[][..], Vec::as_slice), &meta)?);
            }
        }
        // Stable: changes made at the same moment keep the fields' order.
        changes.sort_by_key(|c| c.time);
        Ok(changes)
    }
}

impl HubSpot {
    /// The company currency, in which HubSpot keeps a deal without `deal_currency_code`; none
    /// (such deals then count under no currency, said once) when the account's details cannot be
    /// read.
    async fn currency_of_deals_without_one(&self) -> Result<Option<String>> {
        match self.home_currency().await {
            Ok(code) => Ok(code),
            Err(e @ Error::BrokenPipe) => Err(e),
            // A dry run printed the request and goes on to the list's.
            Err(Error::DryRunStop(_)) => Ok(None),
            Err(e) => {
                self.env.notice(&format!(
                    "deals without a currency are counted under none: the account's company \
                     currency could not be read ({e})"
                ));
                Ok(None)
            }
        }
    }
}

/// A deal of a lean page as a [`Fact`], read as `deals list` reads it, with:
/// - `currency`: the company currency `home` when the deal has none. HubSpot's knowledge base
///   ("HubSpot's default deal properties") gives Amount "in the deal's currency, if your HubSpot
///   account uses more than one currency", and the Currency property only to such accounts:
///   an amount without one is in the company currency, and counts there, never under none.
///   (`deals list` still shows the deal as HubSpot holds it, without a currency.)
/// - `won_at`: a won deal's `closedate`, which HubSpot sets when a deal moves into a closed-won
///   stage (its knowledge base, "HubSpot's default deal properties", Close date);
/// - `converted`: `amount_in_home_currency`, when asked for.
fn to_fact(deal: Value, meta: &Meta, home: Option<&str>, needs: FactNeeds) -> Result<Fact> {
    let property = |name: &str| {
        deal.pointer(&format!("/properties/{name}"))
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let converted = property(CONVERTED)
        .filter(|_| needs.converted)
        .and_then(|v| decimal_from_json(&Value::String(v)));
    let closed_at = convert::parse_time(property("closedate").as_deref());
    let mut fact = Fact::from_deal(convert::to_deal(deal, meta, false)?);
    if fact.currency.is_none() {
        fact.currency = home.map(str::to_string);
    }
    if needs.won_at && fact.status == Some(Status::Won) {
        fact.won_at = closed_at;
    }
    fact.converted = converted;
    Ok(fact)
}

/// A field `deals history` follows: its common name and the property behind it.
#[derive(Debug, Clone, PartialEq)]
struct Tracked {
    /// `stage`, `amount`, …, or `custom.NAME` for the account's own properties.
    field: String,
    property: String,
    shown: Shown,
}

/// How a property's stored value reads in a change.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shown {
    /// As stored.
    Text,
    /// A canonical decimal, as deals show amounts.
    Amount,
    /// Ids by name, as deals show them.
    Pipeline,
    Stage,
    Owner,
    /// `closedate`'s UTC date, as deals show it.
    Date,
}

impl Tracked {
    /// The common fields crm writes ([`FIELD_PROPERTIES`]), then the account's own properties.
    fn all(meta: &Meta) -> Vec<Tracked> {
        let common = FIELD_PROPERTIES.iter().map(|(field, property)| Tracked {
            field: field.to_string(),
            property: property.to_string(),
            shown: match *field {
                "amount" => Shown::Amount,
                "pipeline" => Shown::Pipeline,
                "stage" => Shown::Stage,
                "owner" => Shown::Owner,
                "close_date" => Shown::Date,
                _ => Shown::Text,
            },
        });
        let custom = meta.custom_properties().map(|p| Tracked {
            field: format!("custom.{}", p.name),
            property: p.name.clone(),
            shown: Shown::Text,
        });
        common.chain(custom).collect()
    }

    fn show(&self, value: Option<&str>, meta: &Meta) -> Option<String> {
        let v = value.filter(|v| !v.is_empty())?;
        let named = |name: Option<String>| name.unwrap_or_else(|| v.to_string());
        Some(match self.shown {
            Shown::Text => v.to_string(),
            Shown::Amount => named(decimal_from_json(&Value::String(v.into())).map(decimal_text)),
            Shown::Pipeline => named(meta.pipeline(v).map(|p| p.label.clone())),
            Shown::Stage => named(meta.stage(None, v).map(|s| s.label.clone())),
            Shown::Owner => named(meta.owner(v).map(|o| o.display_name())),
            Shown::Date => named(convert::parse_close_date(Some(v)).map(|d| d.to_string())),
        })
    }

    /// The changes of this field from its values, which HubSpot lists newest first: oldest
    /// first, each from the value before it (the first from none). A value set again unchanged
    /// is no change.
    fn changes(&self, values: &[ValueWithTimestamp], meta: &Meta) -> Result<Vec<Change>> {
        let mut oldest_first = values
            .iter()
            .rev()
            .map(|v| {
                let time = convert::parse_time(Some(&v.timestamp)).ok_or_else(|| {
                    Error::internal(format!(
                        "HubSpot sent a history time crm cannot read: {:?}",
                        v.timestamp
                    ))
                })?;
                Ok((time, v))
            })
            .collect::<Result<Vec<_>>>()?;
        oldest_first.sort_by_key(|(time, _)| *time);
        let mut changes = Vec::new();
        let mut old = None;
        for (time, v) in oldest_first {
            let new = self.show(v.value.as_deref(), meta);
            if new == old {
                continue;
            }
            changes.push(Change {
                time,
                field: self.field.clone(),
                old: old.clone(),
                new: new.clone(),
                by: v.updated_by_user_id.map(|user| by(user, meta)),
                source: v.source_type.clone(),
            });
            old = new;
        }
        Ok(changes)
    }
}

/// Who changed a value: the owner who is user `user` (crmOwners.v3 `userId`), else the id.
fn by(user: i64, meta: &Meta) -> String {
    meta.owners
        .iter()
        .find(|o| o.is_user(user))
        .map_or_else(|| user.to_string(), |o| o.display_name())
}

/// The fields `names` asks for (every one when empty), each once, in the order [`Tracked::all`]
/// gives. A name is a common field or `custom.NAME` (the property's name or label), matched as
/// field names are everywhere (exact, else case-insensitive when unique); an unknown one is a
/// usage error listing the fields there are.
fn chosen(meta: &Meta, names: &[String]) -> Result<Vec<Tracked>> {
    let all = Tracked::all(meta);
    if names.is_empty() {
        return Ok(all);
    }
    let candidates: Vec<Candidate> = all
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut names = vec![t.field.clone()];
            if t.field.starts_with("custom.") {
                names.extend(
                    meta.property(&t.property)
                        .map(|p| format!("custom.{}", p.label)),
                );
            }
            (i, names)
        })
        .collect();
    let mut picked = vec![false; all.len()];
    for (i, _) in history_fields(Vendor::Hubspot, names, &candidates, candidate_names)? {
        picked[*i] = true;
    }
    Ok(all
        .into_iter()
        .zip(picked)
        .filter_map(|(t, p)| p.then_some(t))
        .collect())
}

/// A field as a typed name may pick it: its place in the list, and the names it goes by.
type Candidate = (usize, Vec<String>);

fn candidate_names(candidate: &Candidate) -> Vec<&str> {
    candidate.1.iter().map(String::as_str).collect()
}

/// The fields in groups whose property names fit one request's URL ([`HISTORY_NAMES_BUDGET`]).
fn in_requests(fields: &[Tracked]) -> Vec<&[Tracked]> {
    let mut groups = Vec::new();
    let (mut start, mut length) = (0, 0);
    for (i, field) in fields.iter().enumerate() {
        let more = field.property.len() + 1;
        if i > start && length + more > HISTORY_NAMES_BUDGET {
            groups.push(&fields[start..i]);
            (start, length) = (i, 0);
        }
        length += more;
    }
    if start < fields.len() {
        groups.push(&fields[start..]);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(v: &str, at: &str) -> ValueWithTimestamp {
        serde_json::from_value(serde_json::json!({
            "value": v, "timestamp": at, "sourceType": "CRM_UI", "updatedByUserId": 7
        }))
        .unwrap()
    }

    #[test]
    fn a_stage_s_values_newest_first_become_named_changes_oldest_first() {
        let meta = Meta::example();
        let stage = &chosen(&meta, &["Stage".into()]).unwrap()[0];
        let values = [
            value("closedwon", "2026-03-01T00:00:00Z"),
            value("contractsent", "2026-02-01T00:00:00Z"),
            value("contractsent", "2026-01-15T00:00:00Z"),
            value("appointmentscheduled", "2026-01-01T00:00:00Z"),
        ];
        let changes = stage.changes(&values, &meta).unwrap();
        let seen: Vec<(Option<&str>, Option<&str>)> = changes
            .iter()
            .map(|c| (c.old.as_deref(), c.new.as_deref()))
            .collect();
        assert_eq!(
            seen,
            [
                (None, Some("Appointment Scheduled")),
                (Some("Appointment Scheduled"), Some("Contract Sent")),
                (Some("Contract Sent"), Some("Closed Won")),
            ]
        );
        assert_eq!(changes[0].by.as_deref(), Some("7"), "no owner is user 7");
    }

    #[test]
    fn custom_fields_go_by_name_or_label_and_unknown_ones_list_the_fields() {
        let meta = Meta::example();
        let picked = chosen(&meta, &["custom.Region".into(), "close_date".into()]).unwrap();
        let fields: Vec<&str> = picked.iter().map(|t| t.field.as_str()).collect();
        assert_eq!(fields, ["close_date", "custom.region"]);
        let e = chosen(&meta, &["colour".into()]).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let hint = e.hint().unwrap();
        assert!(
            hint.contains("stage") && hint.contains("custom.external_id"),
            "{hint}"
        );
    }

    #[test]
    fn long_name_lists_take_several_requests() {
        let field = |n: usize| Tracked {
            field: format!("custom.p{n}"),
            property: format!("{n:0>99}"),
            shown: Shown::Text,
        };
        let fields: Vec<Tracked> = (0..45).map(field).collect();
        let groups = in_requests(&fields);
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [20, 20, 5]
        );
        assert!(in_requests(&[]).is_empty());
    }
}
