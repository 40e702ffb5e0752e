//! Pipedrive's v1 deal reports: the summary of values per currency and the timeline of deals
//! per period, each also over the archived deals.
//!
//! Documents: seed 003 "Get deals summary", "Get archived deals summary", "Get deals timeline",
//! "Get archived deals timeline"; specs/pipedrive/openapi-v1.yaml `GET /deals/summary`
//! (getDealsSummary), `/deals/summary/archived`, `/deals/timeline` (getDealsTimeline),
//! `/deals/timeline/archived`.
//!
//! The sandbox's own choices where the documents say nothing:
//! - It keeps no saved filters: a `filter_id` is refused 400 "Filter not found".
//! - Converted figures use the fixed rates of `rates.rs`; a currency without a rate converts
//!   to 0.
//! - A deal's weighted value is its value × probability / 100, the probability being the
//!   deal's own, else its stage's `deal_probability` unless the pipeline has deal probability
//!   switched off (`is_deal_probability_enabled: false`); with neither, the deal weighs its whole
//!   value, as the spec's examples do (the summary's weighted totals equal its values; the
//!   timeline's deal with `"probability": null` has a `weighted_value` equal to its `value`).

use std::collections::BTreeMap;

use axum::response::Response;
use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use super::extra::v1_time;
use super::{bad, Deal, St, Store};
use crate::rates;
use crate::util::{dec_number, ok, q, QueryPairs};

/// Exact sums per currency code.
type PerCurrency = BTreeMap<String, Decimal>;

fn int(pairs: &[(String, String)], key: &str) -> Result<Option<u64>, Response> {
    q(pairs, key)
        .map(|v| {
            v.parse::<u64>()
                .map_err(|_| bad(&format!("{key} must be an integer")))
        })
        .transpose()
}

/// The sandbox has no saved filters, so any `filter_id` names an unknown one.
fn no_filter(pairs: &[(String, String)]) -> Result<(), Response> {
    match q(pairs, "filter_id") {
        None => Ok(()),
        Some(_) => Err(bad("Filter not found")),
    }
}

/// The probability (0–100) a deal's weighted value uses, if any.
fn probability(store: &Store, d: &Deal) -> Option<Decimal> {
    d.probability.or_else(|| {
        if store.probability_off.contains(&d.pipeline_id) {
            return None;
        }
        let stage = store.stages.iter().find(|s| s.id == d.stage_id)?;
        Some(Decimal::from(stage.probability))
    })
}

fn weighted(store: &Store, d: &Deal) -> Decimal {
    probability(store, d).map_or(d.value, |p| d.value * p / Decimal::ONE_HUNDRED)
}

/// `amount` in `from`, converted into `to` (0 without a rate).
fn converted(amount: Decimal, from: &str, to: &str) -> Decimal {
    rates::convert(amount, from, to).unwrap_or_default()
}

/// An amount written as Pipedrive's `_formatted` strings are (`€10`, `US$41.1`,
/// `US$5,100.96`): the currency's sign, thousands separated.
fn formatted(amount: Decimal, currency: &str) -> String {
    let sign = match currency {
        "USD" => "US$".to_string(),
        "EUR" => "€".to_string(),
        "GBP" => "£".to_string(),
        other => format!("{other} "),
    };
    let text = amount.normalize().abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let minus = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    let fraction = if fraction.is_empty() {
        String::new()
    } else {
        format!(".{fraction}")
    };
    format!("{minus}{sign}{grouped}{fraction}")
}

fn money(map: &PerCurrency) -> Value {
    Value::Object(
        map.iter()
            .map(|(c, v)| (c.clone(), dec_number(*v)))
            .collect::<Map<_, _>>(),
    )
}

fn summary_of(st: St, pairs: &[(String, String)], archived: bool) -> Response {
    let status = q(pairs, "status");
    if status.is_some_and(|s| !["open", "won", "lost"].contains(&s)) {
        return bad("status must be one of open, won, lost");
    }
    let parsed = (|| -> Result<_, Response> {
        no_filter(pairs)?;
        Ok((
            int(pairs, "user_id")?,
            int(pairs, "pipeline_id")?,
            int(pairs, "stage_id")?,
        ))
    })();
    let (user, pipeline, stage) = match parsed {
        Ok(p) => p,
        Err(r) => return r,
    };
    let store = st.lock();
    let mut values: BTreeMap<String, (Decimal, u64)> = BTreeMap::new();
    let mut weighted_values = PerCurrency::new();
    for d in store.deals.values().filter(|d| {
        !d.is_deleted
            && d.is_archived == archived
            && status.is_none_or(|s| d.status == s)
            && user.is_none_or(|u| d.owner_id == u)
            && pipeline.is_none_or(|p| d.pipeline_id == p)
            && stage.is_none_or(|s| d.stage_id == s)
    }) {
        let entry = values.entry(d.currency.clone()).or_default();
        entry.0 += d.value;
        entry.1 += 1;
        *weighted_values.entry(d.currency.clone()).or_default() += weighted(&store, d);
    }
    let home = rates::HOME;
    let (mut total, mut total_weighted, mut count) = (Decimal::ZERO, Decimal::ZERO, 0);
    let mut values_total = Map::new();
    let mut weighted_total = Map::new();
    for (currency, (value, n)) in &values {
        let value_converted = converted(*value, currency, home);
        let weighted = weighted_values[currency];
        total += value_converted;
        total_weighted += converted(weighted, currency, home);
        count += n;
        values_total.insert(
            currency.clone(),
            json!({
                "value": dec_number(*value), "count": n, "value_converted": dec_number(value_converted),
                "value_formatted": formatted(*value, currency),
                "value_converted_formatted": formatted(value_converted, home),
            }),
        );
        weighted_total.insert(
            currency.clone(),
            json!({ "value": dec_number(weighted), "count": n, "value_formatted": formatted(weighted, currency) }),
        );
    }
    ok(json!({
        "success": true,
        "data": {
            "values_total": values_total,
            "weighted_values_total": weighted_total,
            "total_count": count,
            "total_currency_converted_value": dec_number(total),
            "total_weighted_currency_converted_value": dec_number(total_weighted),
            "total_currency_converted_value_formatted": formatted(total, home),
            "total_weighted_currency_converted_value_formatted": formatted(total_weighted, home),
        },
    }))
}

/// `GET /api/v1/deals/summary?status&filter_id&user_id&pipeline_id&stage_id`: "a summary of
/// all not archived deals"; deleted deals never count.
pub(crate) async fn summary(st: St, QueryPairs(pairs): QueryPairs) -> Response {
    summary_of(st, &pairs, false)
}

/// `GET /api/v1/deals/summary/archived`: the same over the archived deals.
pub(crate) async fn summary_archived(st: St, QueryPairs(pairs): QueryPairs) -> Response {
    summary_of(st, &pairs, true)
}

/// The timeline's `interval`: how far each period reaches from its start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Interval {
    Day,
    Week,
    Month,
    Quarter,
}

impl Interval {
    fn parse(s: &str) -> Option<Interval> {
        Some(match s {
            "day" => Interval::Day,
            "week" => Interval::Week,
            "month" => Interval::Month,
            "quarter" => Interval::Quarter,
            _ => return None,
        })
    }

    /// The start of period `n` (0 = `start`). Months count from `start` itself, not from the
    /// previous period, and land on the month's last day when it is shorter: from Jan 31 the
    /// periods start on Feb 29 (Feb 28 out of leap years), Mar 31, Apr 30…, so they neither
    /// overlap nor leave gaps.
    fn start_of(self, start: NaiveDate, n: u32) -> Option<NaiveDate> {
        match self {
            Interval::Day => start.checked_add_days(Days::new(n.into())),
            Interval::Week => start.checked_add_days(Days::new(7 * u64::from(n))),
            Interval::Month => start.checked_add_months(Months::new(n)),
            Interval::Quarter => start.checked_add_months(Months::new(3 * n)),
        }
    }
}

/// The periods' first and last days: each ends the day before the next begins.
pub(crate) fn periods(
    start: NaiveDate,
    interval: Interval,
    amount: u32,
) -> Option<Vec<(NaiveDate, NaiveDate)>> {
    (0..amount)
        .map(|n| {
            let first = interval.start_of(start, n)?;
            let last = interval.start_of(start, n + 1)?.pred_opt()?;
            Some((first, last))
        })
        .collect()
}

/// The sandbox's own bound on `amount` (Pipedrive documents none): a timeline of more periods
/// is refused rather than computed.
const MOST_PERIODS: u32 = 10_000;

/// The date-type deal fields a timeline can follow (`field_key`), and a deal's date in each
/// (a date-time falls in the period of its UTC date).
fn date_in(d: &Deal, field_key: &str) -> Option<NaiveDate> {
    match field_key {
        "expected_close_date" => d.expected_close_date,
        "add_time" => Some(d.add_time.date_naive()),
        "update_time" => Some(d.update_time.date_naive()),
        "stage_change_time" => d.stage_change_time.map(|t| t.date_naive()),
        "won_time" => d.won_time.map(|t| t.date_naive()),
        "lost_time" => d.lost_time.map(|t| t.date_naive()),
        "close_time" => d.close_time.map(|t| t.date_naive()),
        _ => None,
    }
}

const DATE_FIELDS: [&str; 7] = [
    "expected_close_date",
    "add_time",
    "update_time",
    "stage_change_time",
    "won_time",
    "lost_time",
    "close_time",
];

/// What the timeline was asked.
struct TimelineQuery {
    start: NaiveDate,
    interval: Interval,
    amount: u32,
    field_key: String,
    user: Option<u64>,
    pipeline: Option<u64>,
    exclude_deals: bool,
    convert_to: Option<String>,
}

fn timeline_query(pairs: &[(String, String)]) -> Result<TimelineQuery, Response> {
    let required = |key: &str| {
        q(pairs, key)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| bad(&format!("{key} is required")))
    };
    let start = NaiveDate::parse_from_str(required("start_date")?, "%Y-%m-%d")
        .map_err(|_| bad("start_date must be a date: YYYY-MM-DD"))?;
    let interval = Interval::parse(required("interval")?)
        .ok_or_else(|| bad("interval must be one of day, week, month, quarter"))?;
    let amount = required("amount")?
        .parse::<u32>()
        .ok()
        .filter(|a| (1..=MOST_PERIODS).contains(a))
        .ok_or_else(|| {
            bad(&format!(
                "amount must be an integer from 1 to {MOST_PERIODS}"
            ))
        })?;
    let field_key = required("field_key")?;
    if !DATE_FIELDS.contains(&field_key) {
        return Err(bad(&format!(
            "field_key must be a date-type deal field: {}",
            DATE_FIELDS.join(", ")
        )));
    }
    no_filter(pairs)?;
    let exclude_deals = match q(pairs, "exclude_deals") {
        None | Some("0") => false,
        Some("1") => true,
        Some(_) => return Err(bad("exclude_deals must be 0 or 1")),
    };
    let convert_to = match q(pairs, "totals_convert_currency") {
        None => None,
        Some("default_currency") => Some(rates::HOME.to_string()),
        Some(code) if code.len() == 3 && rates::known(code) => Some(code.to_ascii_uppercase()),
        Some(code) => {
            return Err(bad(&format!(
                "totals_convert_currency {code:?} is not a supported currency"
            )))
        }
    };
    Ok(TimelineQuery {
        start,
        interval,
        amount,
        field_key: field_key.to_string(),
        user: int(pairs, "user_id")?,
        pipeline: int(pairs, "pipeline_id")?,
        exclude_deals,
        convert_to,
    })
}

/// A period's sums, per currency.
#[derive(Default)]
struct Totals {
    count: u64,
    values: PerCurrency,
    weighted_values: PerCurrency,
    open_count: u64,
    open_values: PerCurrency,
    weighted_open_values: PerCurrency,
    won_count: u64,
    won_values: PerCurrency,
}

impl Totals {
    fn add(&mut self, d: &Deal, weighted: Decimal) {
        let add = |map: &mut PerCurrency, v: Decimal| {
            *map.entry(d.currency.clone()).or_default() += v;
        };
        self.count += 1;
        add(&mut self.values, d.value);
        add(&mut self.weighted_values, weighted);
        if d.status == "won" {
            self.won_count += 1;
            add(&mut self.won_values, d.value);
        } else {
            self.open_count += 1;
            add(&mut self.open_values, d.value);
            add(&mut self.weighted_open_values, weighted);
        }
    }

    fn render(&self) -> Value {
        json!({
            "count": self.count, "values": money(&self.values), "weighted_values": money(&self.weighted_values),
            "open_count": self.open_count, "open_values": money(&self.open_values),
            "weighted_open_values": money(&self.weighted_open_values),
            "won_count": self.won_count, "won_values": money(&self.won_values),
        })
    }

    /// The same totals in one currency: each currency's sum converted, then added.
    fn converted(&self, to: &str) -> Totals {
        let one = |map: &PerCurrency| -> PerCurrency {
            if map.is_empty() {
                return PerCurrency::new();
            }
            let sum = map.iter().map(|(c, v)| converted(*v, c, to)).sum();
            PerCurrency::from([(to.to_string(), sum)])
        };
        Totals {
            count: self.count,
            values: one(&self.values),
            weighted_values: one(&self.weighted_values),
            open_count: self.open_count,
            open_values: one(&self.open_values),
            weighted_open_values: one(&self.weighted_open_values),
            won_count: self.won_count,
            won_values: one(&self.won_values),
        }
    }
}

/// A deal as v1 lists give it (the spec's `DealStrict`); fields the sandbox has no value for
/// and the spec does not make nullable are left out.
fn v1_deal(store: &Store, d: &Deal) -> Value {
    let weighted = weighted(store, d);
    let owner = store.users.iter().find(|u| u.id == d.owner_id);
    let stage = store.stages.iter().find(|s| s.id == d.stage_id);
    let mut v = json!({
        "id": d.id, "creator_user_id": d.creator_id, "user_id": d.owner_id, "stage_id": d.stage_id,
        "title": d.title, "value": dec_number(d.value), "currency": d.currency,
        "add_time": v1_time(d.add_time), "update_time": v1_time(d.update_time),
        "active": d.status == "open", "deleted": d.is_deleted, "is_archived": d.is_archived,
        "status": d.status, "probability": d.probability.map(dec_number), "lost_reason": d.lost_reason,
        "visible_to": "3", "close_time": d.close_time.map(v1_time), "pipeline_id": d.pipeline_id,
        "participants_count": d.participants.len(), "followers_count": d.followers.len(),
        "formatted_value": formatted(d.value, &d.currency), "weighted_value": dec_number(weighted),
        "formatted_weighted_value": formatted(weighted, &d.currency), "weighted_value_currency": d.currency,
        "origin": "API", "origin_id": null, "channel": null, "channel_id": null,
        "arr": null, "mrr": null, "acv": null, "arr_currency": null, "mrr_currency": null, "acv_currency": null,
    });
    let o = v.as_object_mut().expect("object");
    let mut add = |k: &str, x: Option<Value>| {
        if let Some(x) = x {
            o.insert(k.into(), x);
        }
    };
    add("person_id", d.person_id.map(|x| json!(x)));
    add("org_id", d.org_id.map(|x| json!(x)));
    add(
        "stage_change_time",
        d.stage_change_time.map(|t| json!(v1_time(t))),
    );
    add("won_time", d.won_time.map(|t| json!(v1_time(t))));
    add("lost_time", d.lost_time.map(|t| json!(v1_time(t))));
    add(
        "expected_close_date",
        d.expected_close_date.map(|x| json!(x.to_string())),
    );
    add("stage_order_nr", stage.map(|s| json!(s.order_nr)));
    add("owner_name", owner.map(|u| json!(u.name)));
    add(
        "person_name",
        d.person_id
            .and_then(|p| store.persons.iter().find(|x| x.id == p))
            .map(|p| json!(format!("{} {}", p.first, p.last))),
    );
    add(
        "org_name",
        d.org_id
            .and_then(|o| store.orgs.iter().find(|x| x.id == o))
            .map(|o| json!(o.name)),
    );
    v
}

/// "not archived (or archived) open and won deals, grouped by a defined interval of time set in
/// a date-type dealField": `data` is an array of periods, one per interval asked. (The spec's
/// schema and example show a single period object; its prose — "3 months are asked … deals are
/// returned grouped into 3 groups" — and Pipedrive's answers are a list of them.)
fn timeline_of(st: St, pairs: &[(String, String)], archived: bool) -> Response {
    let ask = match timeline_query(pairs) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let Some(spans) = periods(ask.start, ask.interval, ask.amount) else {
        return bad("start_date and amount reach past the calendar");
    };
    let store = st.lock();
    let mut buckets: Vec<(Totals, Vec<&Deal>)> =
        spans.iter().map(|_| (Totals::default(), vec![])).collect();
    for d in store.deals.values().filter(|d| {
        !d.is_deleted
            && d.is_archived == archived
            && (d.status == "open" || d.status == "won")
            && ask.user.is_none_or(|u| d.owner_id == u)
            && ask.pipeline.is_none_or(|p| d.pipeline_id == p)
    }) {
        let Some(date) = date_in(d, &ask.field_key) else {
            continue;
        };
        let at = spans.partition_point(|(_, last)| *last < date);
        if spans.get(at).is_some_and(|(first, _)| *first <= date) {
            buckets[at].0.add(d, weighted(&store, d));
            buckets[at].1.push(d);
        }
    }
    let data: Vec<Value> = spans
        .iter()
        .zip(&buckets)
        .map(|((first, last), (totals, deals))| {
            let mut period = json!({
                "period_start": format!("{first} 00:00:00"),
                "period_end": format!("{last} 23:59:59"),
            });
            if !ask.exclude_deals {
                period["deals"] = deals.iter().map(|d| v1_deal(&store, d)).collect();
            }
            period["totals"] = totals.render();
            if let Some(to) = &ask.convert_to {
                period["totals_converted"] = totals.converted(to).render();
            }
            period
        })
        .collect();
    ok(json!({ "success": true, "data": data }))
}

/// `GET /api/v1/deals/timeline?start_date&interval&amount&field_key&user_id&pipeline_id&filter_id&exclude_deals&totals_convert_currency`.
pub(crate) async fn timeline(st: St, QueryPairs(pairs): QueryPairs) -> Response {
    timeline_of(st, &pairs, false)
}

/// `GET /api/v1/deals/timeline/archived`: the same over the archived deals.
pub(crate) async fn timeline_archived(st: St, QueryPairs(pairs): QueryPairs) -> Response {
    timeline_of(st, &pairs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn spans(start: &str, interval: Interval, amount: u32) -> Vec<(String, String)> {
        periods(day(start), interval, amount)
            .unwrap()
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    /// Seed 003 "Get deals timeline": `month` is "a full month (depending on the number of days
    /// in given month) starting from `start_date`"; 3 months from January 1st are January,
    /// February and March.
    #[test]
    fn months_from_the_first_are_calendar_months() {
        assert_eq!(
            spans("2012-01-01", Interval::Month, 3),
            [
                ("2012-01-01".into(), "2012-01-31".into()),
                ("2012-02-01".into(), "2012-02-29".into()),
                ("2012-03-01".into(), "2012-03-31".into()),
            ]
        );
    }

    #[test]
    fn months_from_a_month_end_land_on_shorter_months_last_day() {
        assert_eq!(
            spans("2024-01-31", Interval::Month, 3),
            [
                ("2024-01-31".into(), "2024-02-28".into()),
                ("2024-02-29".into(), "2024-03-30".into()),
                ("2024-03-31".into(), "2024-04-29".into()),
            ]
        );
        assert_eq!(spans("2023-01-31", Interval::Month, 1)[0].1, "2023-02-27");
    }

    /// "A full week (7 days) starting from `start_date`", whatever weekday that is.
    #[test]
    fn weeks_start_on_the_start_date_and_quarters_are_three_months() {
        // 2024-05-15 is a Wednesday.
        assert_eq!(
            spans("2024-05-15", Interval::Week, 2),
            [
                ("2024-05-15".into(), "2024-05-21".into()),
                ("2024-05-22".into(), "2024-05-28".into()),
            ]
        );
        assert_eq!(
            spans("2024-11-01", Interval::Quarter, 2),
            [
                ("2024-11-01".into(), "2025-01-31".into()),
                ("2025-02-01".into(), "2025-04-30".into()),
            ]
        );
        assert_eq!(
            spans("2024-02-28", Interval::Day, 2),
            [
                ("2024-02-28".into(), "2024-02-28".into()),
                ("2024-02-29".into(), "2024-02-29".into()),
            ]
        );
    }

    /// The `x-token-cost` of each report in openapi-v1.yaml.
    #[test]
    fn the_reports_cost_what_the_spec_says() {
        use axum::http::Method;
        for (path, cost) in [
            ("/api/v1/deals/summary", 40),
            ("/api/v1/deals/summary/archived", 80),
            ("/api/v1/deals/timeline", 20),
            ("/api/v1/deals/timeline/archived", 40),
            ("/api/v1/deals/7/changelog", 20),
            ("/api/v1/deals/7/flow", 40),
        ] {
            assert_eq!(super::super::token_cost(&Method::GET, path), cost, "{path}");
        }
        assert_eq!(
            super::super::token_cost(&Method::PATCH, "/api/v2/pipelines/2"),
            5
        );
    }

    #[test]
    fn formatted_amounts_carry_the_sign_and_thousands() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(formatted(d("5100.96"), "USD"), "US$5,100.96");
        assert_eq!(formatted(d("10"), "EUR"), "€10");
        assert_eq!(formatted(d("41.10"), "USD"), "US$41.1");
        assert_eq!(formatted(d("-1234567"), "GBP"), "-£1,234,567");
        assert_eq!(formatted(d("999"), "CHF"), "CHF 999");
    }

    #[test]
    fn the_timeline_refuses_what_it_cannot_read() {
        let base = [
            ("start_date", "2024-01-01"),
            ("interval", "month"),
            ("amount", "3"),
            ("field_key", "expected_close_date"),
        ];
        assert!(timeline_query(&pairs(&base)).is_ok());
        for (key, value) in [
            ("start_date", "2024-13-01"),
            ("interval", "year"),
            ("amount", "0"),
            ("amount", "x"),
            ("field_key", "title"),
            ("exclude_deals", "2"),
            ("totals_convert_currency", "XYZ"),
            ("filter_id", "1"),
        ] {
            let mut asked: Vec<(&str, &str)> =
                base.iter().filter(|(k, _)| *k != key).copied().collect();
            asked.push((key, value));
            assert!(timeline_query(&pairs(&asked)).is_err(), "{key}={value}");
        }
        for missing in ["start_date", "interval", "amount", "field_key"] {
            let asked: Vec<(&str, &str)> = base
                .iter()
                .filter(|(k, _)| *k != missing)
                .copied()
                .collect();
            assert!(timeline_query(&pairs(&asked)).is_err(), "without {missing}");
        }
    }
}
