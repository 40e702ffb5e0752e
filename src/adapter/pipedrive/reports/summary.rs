//! `deals summary` through `GET /api/v1/deals/summary` (`/summary/archived` for Pipedrive's own
//! archive): one call with the query's filters gives the total row, then one call per stage,
//! pipeline, owner or status, or the total's own per-currency figures for `--by currency`.
//!
//! The answer (openapi-v1 `GetDealsSummaryResponse`): `total_count`; per currency
//! `values_total[CUR].{count, value, value_converted}` and `weighted_values_total[CUR].value`
//! ("probability times deal value"); `total_currency_converted_value` and
//! `total_weighted_currency_converted_value` in the company's default currency.

use futures::stream::{self, StreamExt, TryStreamExt};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::super::meta::Meta;
use super::super::{costs, list::LIST_PAGE, v1, Pipedrive};
use super::{endpoint_answers, may_list_instead, Endpoint, Scope};
use crate::error::{Error, Result};
use crate::http::Request;
use crate::model::{decimal_from_json, ListQuery, Status};
use crate::reports::{
    GroupBy, GroupKey, Money, Source, SourceChoice, Summary, SummaryGroup, SummaryRequest, Sums,
};

/// How many group calls are in flight at once.
const CONCURRENT_CALLS: usize = 4;

/// Where a summary's groups come from.
enum Grouping {
    /// One call per group, each with the group's filter added to the query's.
    PerCall(Vec<(GroupKey, Scope)>),
    /// The total call's own `values_total`, which is per currency.
    PerCurrency,
}

impl Pipedrive {
    /// Pipedrive's summary, when its filters cover `query` and `request.by`; with
    /// [`SourceChoice::Auto`], only when its calls cost fewer tokens than listing (see
    /// [`groups_cheaper`]). `--in-currency` needs it, and only the company's default currency.
    pub(super) async fn summary(
        &self,
        query: &ListQuery,
        request: &SummaryRequest,
    ) -> Result<Option<Summary>> {
        let in_currency = request.in_currency.as_deref();
        if !endpoint_answers(Endpoint::Summary, query, request.source, in_currency)? {
            return Ok(None);
        }
        let (scope, grouping) = self
            .with_fresh_meta(|m| {
                let scope = Scope::of(query, m)?;
                let grouping = grouping(request.by, &scope, m);
                Ok((scope, grouping))
            })
            .await?;
        let Some(grouping) = grouping else {
            let why = format!("group by {}", request.by.heading().replace('_', " "));
            may_list_instead(Endpoint::Summary, request.source, in_currency, &why)?;
            return Ok(None);
        };
        let in_currency = match in_currency {
            Some(code) => Some(self.converts_into(code).await?),
            None => None,
        };
        let convert = in_currency.is_some();
        let answer = self.summary_call(&scope).await?;
        let total = group_of(
            GroupKey {
                id: None,
                label: "total".into(),
            },
            &answer,
            convert,
        )?;
        let groups = match grouping {
            Grouping::PerCurrency => currency_groups(&answer)?,
            // No deal at all: every group is empty, and known without asking.
            Grouping::PerCall(keys) if total.count == 0 => keys
                .into_iter()
                .map(|(key, _)| SummaryGroup::empty(key, convert))
                .collect(),
            Grouping::PerCall(keys)
                if request.source == SourceChoice::Auto
                    && !convert
                    && !groups_cheaper(keys.len(), total.count, scope.archived) =>
            {
                return Ok(None);
            }
            Grouping::PerCall(keys) => {
                stream::iter(keys)
                    .map(|(key, scope)| async move {
                        group_of(key, &self.summary_call(&scope).await?, convert)
                    })
                    .buffered(CONCURRENT_CALLS)
                    .try_collect()
                    .await?
            }
        };
        Ok(Some(Summary {
            by: request.by,
            groups,
            total,
            in_currency,
            source: Source::Vendor,
        }))
    }

    /// `code` when it is the currency Pipedrive's summary converts into (the company's default
    /// currency), as Pipedrive writes it.
    async fn converts_into(&self, code: &str) -> Result<String> {
        match self.default_currency().await? {
            Some(home) if home.eq_ignore_ascii_case(code.trim()) => Ok(home),
            Some(home) => Err(Error::usage_hint(
                format!(
                    "Pipedrive converts summary totals only into the company's default currency \
                     {home}, not {code}"
                ),
                format!("give --in-currency {home}, or leave it out for figures per currency"),
            )),
            None => Err(Error::usage(
                "Pipedrive did not say the company's default currency (default_currency of \
                 /api/v1/users/me), the only one its summary converts into",
            )),
        }
    }

    async fn summary_call(&self, scope: &Scope) -> Result<Value> {
        let (segments, tokens): (&[&str], u32) = if scope.archived {
            (&["deals", "summary", "archived"], costs::ARCHIVED_SUMMARY)
        } else {
            (&["deals", "summary"], costs::SUMMARY)
        };
        let mut request = Request::get(v1(segments));
        for (key, value) in scope.params() {
            request = request.query(key, value);
        }
        self.send(request, tokens).await
    }
}

/// The groups of `by` within `scope`, in Pipedrive's order (pipelines and stages by `order_nr`,
/// users as Pipedrive lists them, then open, won, lost); a field the query fixes is one group.
/// `None`: Pipedrive's summary cannot group so (by close month).
fn grouping(by: GroupBy, scope: &Scope, meta: &Meta) -> Option<Grouping> {
    let with = |key: GroupKey, set: &dyn Fn(&mut Scope)| {
        let mut scope = scope.clone();
        set(&mut scope);
        (key, scope)
    };
    let mut pipelines: Vec<_> = meta
        .pipelines
        .iter()
        .filter(|p| scope.pipeline_id.as_ref().is_none_or(|id| *id == p.id))
        .collect();
    pipelines.sort_by_key(|p| p.order_nr);
    let groups = match by {
        GroupBy::Stage => pipelines
            .iter()
            .flat_map(|p| meta.stages_of(&p.id))
            .filter(|s| scope.stage_id.as_ref().is_none_or(|id| *id == s.id))
            .map(|s| {
                with(GroupKey::new(&s.id, &s.name), &|g| {
                    g.stage_id = Some(s.id.clone());
                })
            })
            .collect(),
        GroupBy::Pipeline => pipelines
            .iter()
            .map(|p| {
                with(GroupKey::new(&p.id, &p.name), &|g| {
                    g.pipeline_id = Some(p.id.clone());
                })
            })
            .collect(),
        GroupBy::Owner => meta
            .users
            .iter()
            .filter(|u| scope.user_id.as_ref().is_none_or(|id| *id == u.id))
            .map(|u| {
                with(GroupKey::new(&u.id, &u.name), &|g| {
                    g.user_id = Some(u.id.clone());
                })
            })
            .collect(),
        GroupBy::Status => [Status::Open, Status::Won, Status::Lost]
            .into_iter()
            .filter(|s| scope.status.is_none_or(|fixed| fixed == *s))
            .map(|s| with(GroupKey::new(s.key(), s.key()), &|g| g.status = Some(s)))
            .collect(),
        GroupBy::Currency => return Some(Grouping::PerCurrency),
        GroupBy::CloseMonth => return None,
    };
    Some(Grouping::PerCall(groups))
}

/// Whether one summary call per group costs fewer tokens than listing the deals. Pipedrive
/// charges 40 tokens a summary (80 archived) and 10 a v2 list page of up to 500 deals (20
/// archived): `x-token-cost` in openapi-v1 and openapi-v2. So the groups are asked when
/// `groups × 40 < ceil(deals / 500) × 10` (a list reads at least one page). The total's call
/// is made first either way: its `total_count` is what tells how many pages a list would read.
fn groups_cheaper(groups: usize, deals: u64, archived: bool) -> bool {
    let (summary, page) = if archived {
        (costs::ARCHIVED_SUMMARY, costs::ARCHIVED)
    } else {
        (costs::SUMMARY, costs::LIST)
    };
    let pages = deals.div_ceil(LIST_PAGE as u64).max(1);
    (groups as u64).saturating_mul(u64::from(summary)) < pages * u64::from(page)
}

fn unreadable(what: &str) -> Error {
    Error::internal(format!(
        "Pipedrive sent a deals summary crm cannot read: {what}"
    ))
}

/// An exact amount from the answer's JSON number.
fn amount(value: Option<&Value>, what: &str) -> Result<Decimal> {
    value
        .and_then(decimal_from_json)
        .ok_or_else(|| unreadable(what))
}

fn count(value: Option<&Value>, what: &str) -> Result<u64> {
    value
        .and_then(Value::as_u64)
        .ok_or_else(|| unreadable(what))
}

/// `data`'s per-currency object at `key`; Pipedrive writes an empty one as `[]`.
fn per_currency<'a>(data: &'a Value, key: &str) -> Result<Option<&'a Map<String, Value>>> {
    match data.get(key) {
        Some(Value::Object(map)) => Ok(Some(map)),
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) if items.is_empty() => Ok(None),
        Some(_) => Err(unreadable(key)),
    }
}

/// Each currency's count, total and weighted total.
fn currencies(data: &Value) -> Result<Vec<(String, Money)>> {
    let weighted = per_currency(data, "weighted_values_total")?;
    let Some(values) = per_currency(data, "values_total")? else {
        return Ok(Vec::new());
    };
    values
        .iter()
        .map(|(code, v)| {
            let money = Money::counted(
                count(v.get("count"), "values_total count")?,
                amount(v.get("value"), "values_total value")?,
                // A currency absent from the weighted totals weighs nothing.
                match weighted.and_then(|w| w.get(code)) {
                    Some(w) => amount(w.get("value"), "weighted_values_total value")?,
                    None => Decimal::ZERO,
                },
            );
            Ok((code.clone(), money))
        })
        .collect()
}

fn data(answer: &Value) -> Result<&Value> {
    answer
        .get("data")
        .filter(|d| d.is_object())
        .ok_or_else(|| unreadable("no data"))
}

/// One answer as a group: `total_count` deals, per currency its figures; deals counted in no
/// currency are without an amount. `convert`: the totals in the company's default currency.
fn group_of(key: GroupKey, answer: &Value, convert: bool) -> Result<SummaryGroup> {
    let data = data(answer)?;
    let total_count = count(data.get("total_count"), "total_count")?;
    let mut sums = Sums::new(convert);
    for (code, money) in currencies(data)? {
        sums.money.insert(code, money);
    }
    let with_amount: u64 = sums.money.values().map(|m| m.count).sum();
    sums.without_amount = total_count.saturating_sub(with_amount);
    if convert {
        // Absent when there is nothing to convert.
        let converted = |k: &str| match data.get(k) {
            None | Some(Value::Null) if with_amount == 0 => Ok(Decimal::ZERO),
            v => amount(v, k),
        };
        sums.converted = Some(Money::counted(
            with_amount,
            converted("total_currency_converted_value")?,
            converted("total_weighted_currency_converted_value")?,
        ));
    }
    Ok(SummaryGroup {
        key,
        count: total_count,
        sums,
    })
}

/// `--by currency`: a group per currency of one answer, in code order. Pipedrive converts each
/// currency's value (`value_converted`) but not its weighted value, so a currency group carries
/// no converted sums; the total row does.
fn currency_groups(answer: &Value) -> Result<Vec<SummaryGroup>> {
    Ok(currencies(data(answer)?)?
        .into_iter()
        .map(|(code, money)| {
            let mut sums = Sums::new(false);
            let count = money.count;
            sums.money.insert(code.clone(), money);
            SummaryGroup {
                key: GroupKey::new(&code, &code),
                count,
                sums,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example answer of `GET /deals/summary` in openapi-v1
    /// (tests/fixtures/pipedrive/deals-summary.json).
    fn documented() -> Value {
        serde_json::from_str(include_str!(
            "../../../../tests/fixtures/pipedrive/deals-summary.json"
        ))
        .unwrap()
    }

    fn money(count: u64, total: &str, weighted: &str) -> Money {
        Money::counted(count, total.parse().unwrap(), weighted.parse().unwrap())
    }

    #[test]
    fn the_documented_answer_is_a_group_per_currency() {
        let group = group_of(GroupKey::new("1", "Qualified"), &documented(), true).unwrap();
        assert_eq!(group.count, 5);
        assert_eq!(group.sums.without_amount, 0);
        assert_eq!(group.sums.money["EUR"], money(2, "10", "10"));
        assert_eq!(group.sums.money["USD"], money(3, "30", "30"));
        assert_eq!(group.sums.converted, Some(money(5, "41.1", "41.1")));
        let plain = group_of(GroupKey::new("1", "Qualified"), &documented(), false).unwrap();
        assert_eq!(plain.sums.converted, None);
        let by_currency = currency_groups(&documented()).unwrap();
        let keys: Vec<_> = by_currency.iter().map(|g| g.key.label.as_str()).collect();
        assert_eq!(keys, ["EUR", "USD"]);
        assert_eq!(by_currency[1].count, 3);
    }

    #[test]
    fn deals_in_no_currency_are_without_amount_and_empty_is_an_array() {
        let answer = serde_json::json!({"success": true, "data": {
            "values_total": [], "weighted_values_total": [], "total_count": 2}});
        let group = group_of(GroupKey::new("open", "open"), &answer, true).unwrap();
        assert_eq!((group.count, group.sums.without_amount), (2, 2));
        assert_eq!(group.sums.converted, Some(Money::default()));
        let broken = serde_json::json!({"success": true, "data": {"total_count": "many"}});
        assert_eq!(
            group_of(GroupKey::new("open", "open"), &broken, false)
                .unwrap_err()
                .exit_code(),
            1
        );
    }

    #[test]
    fn groups_follow_pipedrives_order_and_the_fixed_field() {
        let meta = Meta::example();
        let scope = Scope::default();
        let labels = |by| match grouping(by, &scope, &meta) {
            Some(Grouping::PerCall(groups)) => groups
                .iter()
                .map(|(k, s)| format!("{}:{}", k.label, s.params().len()))
                .collect::<Vec<_>>(),
            _ => panic!("not per call"),
        };
        assert_eq!(
            labels(GroupBy::Stage),
            ["Qualified:1", "Proposal:1", "Qualified:1"]
        );
        assert_eq!(labels(GroupBy::Pipeline), ["Sales:1", "Renewals:1"]);
        assert_eq!(labels(GroupBy::Status), ["open:1", "won:1", "lost:1"]);
        assert!(matches!(
            grouping(GroupBy::Currency, &scope, &meta),
            Some(Grouping::PerCurrency)
        ));
        assert!(grouping(GroupBy::CloseMonth, &scope, &meta).is_none());
        let renewals = Scope {
            pipeline_id: Some("2".into()),
            ..Scope::default()
        };
        let Some(Grouping::PerCall(stages)) = grouping(GroupBy::Stage, &renewals, &meta) else {
            panic!("not per call");
        };
        assert_eq!(stages.len(), 1);
        assert_eq!(stages[0].1.stage_id.as_deref(), Some("3"));
        assert_eq!(stages[0].1.pipeline_id.as_deref(), Some("2"));
    }

    /// 40 tokens a summary call against 10 a list page of 500 deals.
    #[test]
    fn groups_are_asked_when_cheaper_than_pages() {
        assert!(!groups_cheaper(3, 6000, false), "120 tokens against 120");
        assert!(groups_cheaper(3, 6001, false), "120 against 130");
        assert!(!groups_cheaper(1, 10, false), "40 against one page");
        assert!(groups_cheaper(2, 10_000, true), "160 against 400");
    }
}
