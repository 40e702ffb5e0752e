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
