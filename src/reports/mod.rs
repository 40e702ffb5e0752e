//! Pipeline reports — `deals summary`, `deals timeline` and `deals history` — in vendor-free
//! terms: the few facts of a deal a report reads ([`Fact`]), money summed exactly per currency
//! ([`Money`]), the groups of a summary, the periods of a timeline and the changes of a deal.
//!
//! Adapters produce these (from the vendor's own report endpoints, or from a list of deals through
//! [`Fact`]); the CLI renders them. Nothing here knows a vendor or does I/O.

pub mod chart;
pub mod history;
pub mod summary;
pub mod timeline;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Deal, Ref, Status};

pub use history::Change;
pub use summary::{GroupBy, GroupKey, Summary, SummaryBuilder, SummaryGroup, SummaryRequest};
pub use timeline::{DateField, Interval, Period, Timeline, TimelineBuilder, TimelineRequest};

/// What a report reads of one deal. Adapters that list only the fields a report needs build it
/// from their wire format; any other list becomes facts through [`Fact::from_deal`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fact {
    pub id: String,
    pub pipeline: Option<Ref>,
    pub stage: Option<Ref>,
    pub owner: Option<Ref>,
    pub status: Option<Status>,
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    /// The win probability in percent (the deal's own, else its stage's), as [`Deal::probability`].
    pub probability: Option<Decimal>,
    pub close_date: Option<NaiveDate>,
    pub created_at: Option<DateTime<Utc>>,
    /// When the deal was won, where the vendor records it.
    pub won_at: Option<DateTime<Utc>>,
    /// The amount in the vendor's home currency, where the vendor converts it (HubSpot's
    /// `amount_in_home_currency`) and the report asked for it.
    pub converted: Option<Decimal>,
}

impl Fact {
    /// The facts of a deal read through `deals list` (no `won_at`, no converted amount).
    pub fn from_deal(deal: Deal) -> Fact {
        Fact {
            id: deal.id,
            pipeline: deal.pipeline,
            stage: deal.stage,
            owner: deal.owner,
            status: deal.status,
            amount: deal.amount,
            currency: deal.currency,
            probability: deal.probability,
            close_date: deal.close_date,
            created_at: deal.created_at,
            won_at: None,
            converted: None,
        }
    }

    /// amount × probability / 100; nothing without an amount. A deal without a probability
    /// weighs its full amount, as in Pipedrive's own examples (specs/pipedrive/openapi-v1.yaml:
    /// the summary's weighted totals equal its values, and the timeline's deal with
    /// `"probability": null` has a `weighted_value` equal to its `value`).
    pub fn weighted(&self) -> Option<Decimal> {
        Some(self.amount? * self.weight())
    }

    /// probability / 100, 1 without a probability: what an amount counts for when weighted.
    pub fn weight(&self) -> Decimal {
        self.probability.unwrap_or(Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED
    }
}

/// Sums in one currency: never mixed with another. In JSON: `{"count": 2, "total": "0.3",
/// "weighted": "0.15", "average": "0.15"}`, amounts as exact decimal strings and `average` null
/// when no deal has an amount.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Money {
    /// Deals with an amount in this currency.
    pub count: u64,
    /// The vendor gave the sums without the number of deals behind them (Pipedrive's timeline,
    /// for a period with several currencies): `count` means nothing, and shows as null.
    pub count_unknown: bool,
    pub total: Decimal,
    /// Σ amount × probability / 100, a deal without a probability at its full amount.
    pub weighted: Decimal,
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::model::decimal_text;
        use serde::ser::SerializeStruct;
        let mut money = s.serialize_struct("Money", 4)?;
        money.serialize_field("count", &self.deals())?;
        money.serialize_field("total", &decimal_text(self.total))?;
        money.serialize_field("weighted", &decimal_text(self.weighted))?;
        money.serialize_field("average", &self.average().map(decimal_text))?;
        money.end()
    }
}

impl Money {
    /// Sums over `count` deals, a number the vendor or crm knows.
    pub fn counted(count: u64, total: Decimal, weighted: Decimal) -> Money {
        Money {
            count,
            count_unknown: false,
            total,
            weighted,
        }
    }

    pub fn add(&mut self, amount: Decimal, weighted: Decimal) {
        self.count += 1;
        self.total += amount;
        self.weighted += weighted;
    }

    pub fn merge(&mut self, other: &Money) {
        self.count += other.count;
        self.count_unknown |= other.count_unknown;
        self.total += other.total;
        self.weighted += other.weighted;
    }

    /// How many deals the sums cover, where known.
    pub fn deals(&self) -> Option<u64> {
        (!self.count_unknown).then_some(self.count)
    }

    /// The average amount, to the currency's usual two decimals (exact when it divides evenly);
    /// none without deals or when their number is unknown.
    pub fn average(&self) -> Option<Decimal> {
        let count = self.deals().filter(|n| *n > 0)?;
        Some((self.total / Decimal::from(count)).round_dp(2).normalize())
    }
}

/// Money per currency code, in code order. A deal with an amount and no currency is under `""`.
pub type PerCurrency = BTreeMap<String, Money>;

/// The sums of one bucket of deals (a summary's group, a timeline's period).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Sums {
    /// Deals without an amount: counted by the bucket, never summed.
    pub without_amount: u64,
    /// Sums per currency, never mixed.
    pub money: PerCurrency,
    /// The bucket's amounts in the requested currency, where the vendor converts them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub converted: Option<Money>,
}

impl Sums {
    /// Sums in one currency and, when `convert`, in the requested one too.
    pub fn new(convert: bool) -> Self {
        Sums {
            converted: convert.then(Money::default),
            ..Sums::default()
        }
    }

    pub fn add(&mut self, fact: &Fact) {
        match fact.amount {
            Some(amount) => self
                .money
                .entry(fact.currency.clone().unwrap_or_default())
                .or_default()
                .add(amount, amount * fact.weight()),
            None => self.without_amount += 1,
        }
        if let (Some(converted), Some(amount)) = (self.converted.as_mut(), fact.converted) {
            converted.add(amount, amount * fact.weight());
        }
    }
}

/// Where a report's figures came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The vendor's own report endpoint (Pipedrive's summary and timeline).
    Vendor,
    /// crm summing a streamed list of deals.
    List,
}

/// Which source the user asked for: `auto` takes the vendor's report where it is cheaper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SourceChoice {
    #[default]
    Auto,
    Vendor,
    List,
}
