//! `deals timeline` through `GET /api/v1/deals/timeline` (`/timeline/archived` for Pipedrive's
//! own archive): one call of 20 tokens (40 archived) for every period, so whenever the filters
//! allow it, it is cheaper than listing.
//!
//! Each period (openapi-v1 `GetDealsTimelineResponse`): `period_start`, `period_end` and
//! `totals.{count, values, weighted_values, open_count, won_count}`, the values per currency;
//! with `totals_convert_currency`, `totals_converted` in that currency (seed 003: "returned per
//! each interval").

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::super::convert::parse_time;
use super::super::{costs, v1, Pipedrive};
use super::{endpoint_answers, Endpoint, Scope};
use crate::error::{Error, Result};
use crate::http::Request;
use crate::model::{decimal_from_json, ListQuery};
use crate::reports::{DateField, Money, Period, Source, Sums, Timeline, TimelineRequest};

impl Pipedrive {
    /// Pipedrive's timeline, when its filters (owner, pipeline) cover `query`.
    pub(super) async fn timeline(
        &self,
        query: &ListQuery,
        request: &TimelineRequest,
    ) -> Result<Option<Timeline>> {
        let in_currency = request.in_currency.as_deref();
        if !endpoint_answers(Endpoint::Timeline, query, request.source, in_currency)? {
            return Ok(None);
        }
        let scope = self.with_fresh_meta(|m| Scope::of(query, m)).await?;
        let (segments, tokens): (&[&str], u32) = if scope.archived {
            (&["deals", "timeline", "archived"], costs::ARCHIVED_TIMELINE)
        } else {
            (&["deals", "timeline"], costs::TIMELINE)
        };
        let mut call = Request::get(v1(segments))
            .query("start_date", request.from)
            .query("interval", interval_param(request))
            .query("amount", request.periods)
            .query("field_key", field_key(request.field))
            // The totals are all crm reads: the deals themselves would be a list of their own.
            .query("exclude_deals", 1);
        for (key, value) in scope.params() {
            call = call.query(key, value);
        }
        let in_currency = in_currency.map(|code| code.trim().to_ascii_uppercase());
        if let Some(code) = &in_currency {
            call = call.query("totals_convert_currency", code);
        }
        let answer = self.send(call, tokens).await?;
        let periods = periods_of(&answer, request)?;
        Ok(Some(Timeline {
            interval: request.interval,
            field: request.field,
            periods,
            in_currency,
            source: Source::Vendor,
        }))
    }
}

fn interval_param(request: &TimelineRequest) -> &'static str {
    use crate::reports::Interval;
    match request.interval {
        Interval::Day => "day",
        Interval::Week => "week",
        Interval::Month => "month",
        Interval::Quarter => "quarter",
    }
}

/// The deal field (`field_key`) a timeline follows.
fn field_key(field: DateField) -> &'static str {
    match field {
        DateField::CloseDate => "expected_close_date",
        DateField::CreatedAt => "add_time",
        DateField::WonAt => "won_time",
    }
}

fn unreadable(what: &str) -> Error {
    Error::internal(format!(
        "Pipedrive sent a deals timeline crm cannot read: {what}"
    ))
}

/// The periods of an answer, in order. openapi-v1 describes `data` as one period object; seed
/// 003 says N periods come back ("3 months are asked … deals are returned grouped into 3
/// groups"), so `data` is read as a list of periods or as a single one.
fn periods_of(answer: &Value, request: &TimelineRequest) -> Result<Vec<Period>> {
    let items: Vec<&Value> = match answer.get("data") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err(unreadable("data")),
    };
    let bounds = request.bounds();
    items
        .into_iter()
        .enumerate()
        .map(|(n, item)| period_of(item, bounds.get(n).copied(), request.in_currency.is_some()))
        .collect()
}

/// A period's first and last day as Pipedrive wrote them (`2019-12-01 00:00:00` and
/// `2019-12-31 23:59:59`), where it did.
fn vendor_bounds(item: &Value) -> Option<(NaiveDate, NaiveDate)> {
    let day = |key: &str| -> Option<NaiveDate> {
        let text = item.get(key)?.as_str()?;
        parse_time(item.get(key))
            .map(|t| t.date_naive())
            .or_else(|| NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok())
    };
    Some((day("period_start")?, day("period_end")?))
}

fn period_of(item: &Value, asked: Option<(NaiveDate, NaiveDate)>, convert: bool) -> Result<Period> {
    // The bounds crm computed (`TimelineRequest::bounds`, Pipedrive's rule) and the ones Pipedrive
    // wrote agree; where they do not, Pipedrive's are the ones its figures were summed over, so
    // they win.
    let (start, end) = vendor_bounds(item)
        .or(asked)
        .ok_or_else(|| unreadable("a period without its dates"))?;
    let totals = item.get("totals").ok_or_else(|| unreadable("totals"))?;
    let count = |key: &str| totals.get(key).and_then(Value::as_u64).unwrap_or(0);
    let mut sums = Sums::new(convert);
    sums.money = money_per_currency(totals, count("count"))?;
    // `totals_converted` holds the one currency asked for (nothing to sum: no entry); a period
    // Pipedrive did not convert stays without converted sums rather than showing zeros.
    sums.converted = match item.get("totals_converted").filter(|_| convert) {
        Some(converted) => Some(
            money_per_currency(converted, count("count"))?
                .into_values()
                .next()
                .unwrap_or_default(),
        ),
        None => None,
    };
    Ok(Period {
        start,
        end,
        count: count("count"),
        open_count: count("open_count"),
        won_count: count("won_count"),
        sums,
    })
}

/// `values` and `weighted_values` (`{CUR: number}`) as money per currency. Pipedrive gives no
/// count per currency: where the period has one currency, every deal of the period is in it
/// (a Pipedrive deal always has a value and a currency); where it has several, the split is
/// unknown: each currency's count is marked unknown (null in JSON, empty in CSV).
fn money_per_currency(
    totals: &Value,
    deals: u64,
) -> Result<std::collections::BTreeMap<String, Money>> {
    let object = |key: &str| -> Result<Option<&Map<String, Value>>> {
        match totals.get(key) {
            Some(Value::Object(map)) => Ok(Some(map)),
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) if items.is_empty() => Ok(None),
            Some(_) => Err(unreadable(key)),
        }
    };
    let weighted = object("weighted_values")?;
    let Some(values) = object("values")? else {
        return Ok(Default::default());
    };
    let one_currency = values.len() == 1;
    values
        .iter()
        .map(|(code, value)| {
            let total = decimal_from_json(value).ok_or_else(|| unreadable("values"))?;
            let weighted = match weighted.and_then(|w| w.get(code)) {
                Some(w) => decimal_from_json(w).ok_or_else(|| unreadable("weighted_values"))?,
                None => Decimal::ZERO,
            };
            let money = Money {
                count: if one_currency { deals } else { 0 },
                count_unknown: !one_currency,
                total,
                weighted,
            };
            Ok((code.clone(), money))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{Interval, SourceChoice};

    fn request(from: &str, periods: u32) -> TimelineRequest {
        TimelineRequest {
            interval: Interval::Month,
            from: from.parse().unwrap(),
            periods,
            field: DateField::CloseDate,
            in_currency: None,
            source: SourceChoice::Auto,
        }
    }

    /// The example of `GET /deals/timeline` in openapi-v1 (its deals left out, as
    /// `exclude_deals=1` asks).
    fn documented() -> Value {
        serde_json::json!({"success": true, "data": {
            "period_start": "2019-12-01 00:00:00", "period_end": "2019-12-31 23:59:59",
            "totals": {"count": 2, "values": {"EUR": 100, "USD": 220},
                       "weighted_values": {"EUR": 100, "USD": 2200},
                       "open_count": 1, "open_values": {"EUR": 100},
                       "weighted_open_values": {"EUR": 100},
                       "won_count": 1, "won_values": {"USD": 2200}}}})
    }

    #[test]
    fn the_documented_period_as_one_object_or_a_list() {
        let asked = request("2019-12-01", 1);
        let one = periods_of(&documented(), &asked).unwrap();
        assert_eq!(one.len(), 1);
        let p = &one[0];
        assert_eq!((p.start, p.end), asked.bounds()[0]);
        assert_eq!((p.count, p.open_count, p.won_count), (2, 1, 1));
        assert_eq!(p.sums.money["EUR"].total.to_string(), "100");
        assert_eq!(p.sums.money["USD"].weighted.to_string(), "2200");
        // Two currencies: how the two deals split between them is not said.
        assert_eq!(p.sums.money["USD"].count, 0);
        let mut listed = documented();
        let period = listed["data"].clone();
        let mut second = period.clone();
        second["period_start"] = "2020-01-01 00:00:00".into();
        second["period_end"] = "2020-01-31 23:59:59".into();
        second["totals"] = serde_json::json!({"count": 3, "values": {"EUR": 0.3},
            "weighted_values": {"EUR": 0.1}, "open_count": 3, "won_count": 0});
        listed["data"] = serde_json::json!([period, second]);
        let asked = request("2019-12-01", 2);
        let two = periods_of(&listed, &asked).unwrap();
        assert_eq!(
            two.iter().map(|p| (p.start, p.end)).collect::<Vec<_>>(),
            asked.bounds()
        );
        assert_eq!(two[1].sums.money["EUR"].count, 3);
        assert_eq!(two[1].sums.money["EUR"].total.to_string(), "0.3");
    }

    #[test]
    fn converted_totals_when_asked() {
        let mut answer = documented();
        answer["data"]["totals_converted"] = serde_json::json!({"count": 2,
            "values": {"EUR": 298.2}, "weighted_values": {"EUR": 2078.1}});
        let mut asked = request("2019-12-01", 1);
        asked.in_currency = Some("EUR".into());
        let p = &periods_of(&answer, &asked).unwrap()[0];
        let converted = p.sums.converted.as_ref().unwrap();
        assert_eq!(converted.total.to_string(), "298.2");
        assert_eq!(converted.weighted.to_string(), "2078.1");
        assert_eq!(converted.count, 2);
    }
}
