//! `deals timeline`: open and won deals per period of a date field, with the semantics of
//! Pipedrive's `GET /v1/deals/timeline` (seeds/003, "Get deals timeline"): periods start at
//! `--from`, a week is 7 days from it, a month the calendar month's length from it, a quarter 3
//! months; lost deals are left out.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use super::{Fact, Source, SourceChoice, Sums};
use crate::model::Status;

/// How long each period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    Week,
    Month,
    Quarter,
}

impl Interval {
    /// The first day of period `n` (0-based) of a timeline starting on `from`. Months count from
    /// `from` itself, not from the previous period, so a timeline from Jan 31 has periods starting
    /// Jan 31, Feb 28 (29 in a leap year), Mar 31: each period ends the day before the next starts.
    pub fn start_of(self, from: NaiveDate, n: u32) -> Option<NaiveDate> {
        match self {
            Interval::Day => from.checked_add_days(Days::new(u64::from(n))),
            Interval::Week => from.checked_add_days(Days::new(7 * u64::from(n))),
            Interval::Month => from.checked_add_months(Months::new(n)),
            Interval::Quarter => from.checked_add_months(Months::new(3 * n)),
        }
    }
}

/// The deal date a timeline groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum DateField {
    CloseDate,
    CreatedAt,
    WonAt,
}

impl DateField {
    pub fn date_of(self, fact: &Fact) -> Option<NaiveDate> {
        match self {
            DateField::CloseDate => fact.close_date,
            DateField::CreatedAt => fact.created_at.map(|t| t.date_naive()),
            DateField::WonAt => fact.won_at.map(|t| t.date_naive()),
        }
    }
}

/// What the user asked `deals timeline` for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRequest {
    pub interval: Interval,
    pub from: NaiveDate,
    pub periods: u32,
    pub field: DateField,
    /// `--in-currency`: also each period's totals converted into this currency.
    pub in_currency: Option<String>,
    pub source: SourceChoice,
}

impl TimelineRequest {
    /// The first and last day (inclusive) of each period.
    pub fn bounds(&self) -> Vec<(NaiveDate, NaiveDate)> {
        (0..self.periods)
            .map_while(|n| {
                let start = self.interval.start_of(self.from, n)?;
                let next = self.interval.start_of(self.from, n + 1)?;
                Some((start, next.pred_opt()?))
            })
            .collect()
    }
}

/// One period's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    pub start: NaiveDate,
    /// The period's last day, inclusive.
    pub end: NaiveDate,
    pub count: u64,
    pub open_count: u64,
    pub won_count: u64,
    #[serde(flatten)]
    pub sums: Sums,
}

impl Period {
    /// A period with no deal yet; `convert`: it also sums amounts in the requested currency.
    pub fn empty(start: NaiveDate, end: NaiveDate, convert: bool) -> Self {
        Period {
            start,
            end,
            count: 0,
            open_count: 0,
            won_count: 0,
            sums: Sums::new(convert),
        }
    }
}

/// A finished timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub interval: Interval,
    pub field: DateField,
    pub periods: Vec<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_currency: Option<String>,
    pub source: Source,
}

/// Counts facts into periods as they stream by.
#[derive(Debug)]
pub struct TimelineBuilder {
    request: TimelineRequest,
    periods: Vec<Period>,
}

impl TimelineBuilder {
    pub fn new(request: &TimelineRequest) -> Self {
        let convert = request.in_currency.is_some();
        let periods = request
            .bounds()
            .into_iter()
            .map(|(start, end)| Period::empty(start, end, convert))
            .collect();
        TimelineBuilder {
            request: request.clone(),
            periods,
        }
    }

    /// Counts an open or won deal whose date falls in a period; others are left out.
    pub fn add(&mut self, fact: &Fact) {
        let open = match fact.status {
            Some(Status::Open) => true,
            Some(Status::Won) => false,
            _ => return,
        };
        let Some(date) = self.request.field.date_of(fact) else {
            return;
        };
        let Some(period) = self
            .periods
            .iter_mut()
            .find(|p| p.start <= date && date <= p.end)
        else {
            return;
        };
        period.count += 1;
        if open {
            period.open_count += 1;
        } else {
            period.won_count += 1;
        }
        period.sums.add(fact);
    }

    pub fn finish(self, source: Source) -> Timeline {
        Timeline {
            interval: self.request.interval,
            field: self.request.field,
            periods: self.periods,
            in_currency: self.request.in_currency,
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use rust_decimal::Decimal;

    use super::*;
    use crate::reports::Money;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn request(interval: Interval, from: &str, periods: u32) -> TimelineRequest {
        TimelineRequest {
            interval,
            from: day(from),
            periods,
            field: DateField::CloseDate,
            in_currency: None,
            source: SourceChoice::List,
        }
    }

    fn bounds(interval: Interval, from: &str, periods: u32) -> Vec<(String, String)> {
        request(interval, from, periods)
            .bounds()
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn deal(status: Status, close: Option<&str>, amount: &str) -> Fact {
        Fact {
            id: "1".into(),
            status: Some(status),
            close_date: close.map(day),
            amount: Some(amount.parse().unwrap()),
            currency: Some("EUR".into()),
            ..Fact::default()
        }
    }

    fn timeline(request: &TimelineRequest, facts: &[Fact]) -> Timeline {
        let mut builder = TimelineBuilder::new(request);
        for f in facts {
            builder.add(f);
        }
        builder.finish(Source::List)
    }

    #[test]
    fn months_from_a_month_end_start_on_the_same_day_or_the_months_last() {
        // Interval::start_of: each start is `from` plus n months, clamped to the month's end.
        assert_eq!(
            bounds(Interval::Month, "2026-01-31", 4),
            pairs(&[
                ("2026-01-31", "2026-02-27"),
                ("2026-02-28", "2026-03-30"),
                ("2026-03-31", "2026-04-29"),
                ("2026-04-30", "2026-05-30"),
            ])
        );
        assert_eq!(
            bounds(Interval::Month, "2024-01-31", 2),
            pairs(&[("2024-01-31", "2024-02-28"), ("2024-02-29", "2024-03-30")])
        );
    }

    #[test]
    fn calendar_months_end_on_their_last_day_leap_day_included() {
        assert_eq!(
            bounds(Interval::Month, "2024-01-01", 3),
            pairs(&[
                ("2024-01-01", "2024-01-31"),
                ("2024-02-01", "2024-02-29"),
                ("2024-03-01", "2024-03-31"),
            ])
        );
    }

    #[test]
    fn from_a_leap_day_by_month_and_by_quarter() {
        assert_eq!(
            bounds(Interval::Month, "2024-02-29", 3),
            pairs(&[
                ("2024-02-29", "2024-03-28"),
                ("2024-03-29", "2024-04-28"),
                ("2024-04-29", "2024-05-28"),
            ])
        );
        assert_eq!(
            bounds(Interval::Quarter, "2024-02-29", 5),
            pairs(&[
                ("2024-02-29", "2024-05-28"),
                ("2024-05-29", "2024-08-28"),
                ("2024-08-29", "2024-11-28"),
                ("2024-11-29", "2025-02-27"),
                ("2025-02-28", "2025-05-28"),
            ])
        );
    }

    #[test]
    fn quarters_are_three_calendar_months() {
        assert_eq!(
            bounds(Interval::Quarter, "2026-01-01", 4),
            pairs(&[
                ("2026-01-01", "2026-03-31"),
                ("2026-04-01", "2026-06-30"),
                ("2026-07-01", "2026-09-30"),
                ("2026-10-01", "2026-12-31"),
            ])
        );
    }

    #[test]
    fn weeks_are_seven_days_from_the_start_whatever_its_weekday() {
        // 2026-01-01 is a Thursday: Pipedrive's "full week (7 days) starting from start_date".
        assert_eq!(
            bounds(Interval::Week, "2026-01-01", 2),
            pairs(&[("2026-01-01", "2026-01-07"), ("2026-01-08", "2026-01-14")])
        );
        assert_eq!(
            bounds(Interval::Week, "2024-02-26", 1),
            pairs(&[("2024-02-26", "2024-03-03")])
        );
    }

    #[test]
    fn days_are_one_day_each() {
        assert_eq!(
            bounds(Interval::Day, "2024-02-28", 3),
            pairs(&[
                ("2024-02-28", "2024-02-28"),
                ("2024-02-29", "2024-02-29"),
                ("2024-03-01", "2024-03-01"),
            ])
        );
    }

    #[test]
    fn only_open_and_won_deals_are_counted() {
        // Seed 003, "Get deals timeline": "Returns not archived open and won deals".
        let t = timeline(
            &request(Interval::Month, "2026-01-01", 1),
            &[
                deal(Status::Open, Some("2026-01-10"), "1"),
                deal(Status::Won, Some("2026-01-11"), "2"),
                deal(Status::Won, Some("2026-01-12"), "4"),
                deal(Status::Lost, Some("2026-01-13"), "8"),
                deal(Status::Unqualified, Some("2026-01-14"), "16"),
            ],
        );
        let p = &t.periods[0];
        assert_eq!((p.count, p.open_count, p.won_count), (3, 1, 2));
        assert_eq!(p.sums.money["EUR"].total, Decimal::from(7));
    }

    #[test]
    fn a_periods_first_and_last_days_are_in_it() {
        let t = timeline(
            &request(Interval::Month, "2024-02-01", 2),
            &[
                deal(Status::Open, Some("2024-01-31"), "1"),
                deal(Status::Open, Some("2024-02-01"), "0.10"),
                deal(Status::Open, Some("2024-02-29"), "0.20"),
                deal(Status::Open, Some("2024-03-01"), "4"),
                deal(Status::Open, Some("2024-03-31"), "8"),
                deal(Status::Open, Some("2024-04-01"), "16"),
            ],
        );
        let totals: Vec<Decimal> = t
            .periods
            .iter()
            .map(|p| p.sums.money["EUR"].total)
            .collect();
        assert_eq!(
            totals,
            ["0.3".parse::<Decimal>().unwrap(), Decimal::from(12)]
        );
        let counts: Vec<u64> = t.periods.iter().map(|p| p.count).collect();
        assert_eq!(counts, [2, 2], "Jan 31 and Apr 1 fall outside every period");
    }

    #[test]
    fn deals_without_the_date_are_left_out() {
        let t = timeline(
            &request(Interval::Day, "2026-05-01", 1),
            &[deal(Status::Open, None, "1")],
        );
        assert_eq!(t.periods[0].count, 0);
        assert!(t.periods[0].sums.money.is_empty());
    }

    #[test]
    fn the_date_field_chooses_which_date_counts() {
        let created: DateTime<Utc> = "2026-05-02T23:59:59Z".parse().unwrap();
        let mut fact = deal(Status::Won, Some("2026-06-01"), "3");
        fact.created_at = Some(created);
        fact.won_at = Some("2026-05-03T00:00:00Z".parse().unwrap());
        fact.probability = Some(Decimal::from(50));
        let mut req = request(Interval::Day, "2026-05-01", 3);
        req.field = DateField::CreatedAt;
        let counts = |t: Timeline| t.periods.iter().map(|p| p.count).collect::<Vec<_>>();
        assert_eq!(
            counts(timeline(&req, std::slice::from_ref(&fact))),
            [0, 1, 0]
        );
        req.field = DateField::WonAt;
        let won = timeline(&req, std::slice::from_ref(&fact));
        assert_eq!(
            won.periods[2].sums.money["EUR"],
            Money::counted(1, Decimal::from(3), "1.5".parse().unwrap())
        );
        req.field = DateField::CloseDate;
        assert_eq!(counts(timeline(&req, &[fact])), [0, 0, 0]);
    }
}
