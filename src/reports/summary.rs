//! `deals summary`: deals grouped by stage, pipeline, owner, status, currency or close month, with
//! per group the count and, per currency, the total, the weighted total and the average.

use std::collections::HashMap;

use serde::Serialize;

use super::{Fact, Source, SourceChoice, Sums};

/// What `--by` groups deals by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum GroupBy {
    Stage,
    Pipeline,
    Owner,
    Status,
    Currency,
    CloseMonth,
}

impl GroupBy {
    /// The group's heading in tables and the key of its label in JSON.
    pub fn heading(self) -> &'static str {
        match self {
            GroupBy::Stage => "stage",
            GroupBy::Pipeline => "pipeline",
            GroupBy::Owner => "owner",
            GroupBy::Status => "status",
            GroupBy::Currency => "currency",
            GroupBy::CloseMonth => "close_month",
        }
    }

    /// The key of the group `fact` falls in; `id: None` for a deal without the field.
    pub fn key_of(self, fact: &Fact) -> GroupKey {
        let named = |r: &Option<crate::model::Ref>| match r {
            Some(r) => GroupKey::new(r.id.clone(), r.label()),
            None => GroupKey::none(self),
        };
        match self {
            GroupBy::Stage => named(&fact.stage),
            GroupBy::Pipeline => named(&fact.pipeline),
            GroupBy::Owner => named(&fact.owner),
            GroupBy::Status => match fact.status {
                Some(s) => GroupKey::new(s.key(), s.key()),
                None => GroupKey::none(self),
            },
            GroupBy::Currency => match &fact.currency {
                Some(c) => GroupKey::new(c.clone(), c),
                None => GroupKey::none(self),
            },
            GroupBy::CloseMonth => match fact.close_date {
                Some(d) => {
                    let month = d.format("%Y-%m").to_string();
                    GroupKey::new(month.clone(), &month)
                }
                None => GroupKey::none(self),
            },
        }
    }
}

/// A group's identity: the vendor's id (or the status, currency or month) and what people read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupKey {
    pub id: Option<String>,
    pub label: String,
}

impl GroupKey {
    pub fn new(id: impl Into<String>, label: &str) -> Self {
        GroupKey {
            id: Some(id.into()),
            label: label.to_string(),
        }
    }

    /// The group of deals without the grouped field.
    pub fn none(by: GroupBy) -> Self {
        GroupKey {
            id: None,
            label: format!("(no {})", by.heading().replace('_', " ")),
        }
    }
}

/// One group's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryGroup {
    pub key: GroupKey,
    /// Every deal in the group, with an amount or not.
    pub count: u64,
    #[serde(flatten)]
    pub sums: Sums,
}

impl SummaryGroup {
    /// A group with no deal yet; `convert`: it also sums amounts in the requested currency.
    pub fn empty(key: GroupKey, convert: bool) -> Self {
        SummaryGroup {
            key,
            count: 0,
            sums: Sums::new(convert),
        }
    }

    pub fn add(&mut self, fact: &Fact) {
        self.count += 1;
        self.sums.add(fact);
    }
}

/// What the user asked `deals summary` for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRequest {
    pub by: GroupBy,
    /// `--in-currency`: also show every group converted into this currency.
    pub in_currency: Option<String>,
    pub source: SourceChoice,
}

/// A finished summary: the groups in order and the total row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub by: GroupBy,
    pub groups: Vec<SummaryGroup>,
    pub total: SummaryGroup,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_currency: Option<String>,
    pub source: Source,
}

/// Sums facts into groups as they stream by, in memory proportional to the number of groups.
#[derive(Debug)]
pub struct SummaryBuilder {
    by: GroupBy,
    convert: bool,
    in_currency: Option<String>,
    groups: Vec<SummaryGroup>,
    index: HashMap<Option<String>, usize>,
    /// How many of `groups` were given by [`SummaryBuilder::with_groups`].
    seeded: usize,
    total: SummaryGroup,
}

impl SummaryBuilder {
    pub fn new(request: &SummaryRequest) -> Self {
        SummaryBuilder {
            by: request.by,
            convert: request.in_currency.is_some(),
            in_currency: request.in_currency.clone(),
            groups: Vec::new(),
            index: HashMap::new(),
            seeded: 0,
            total: SummaryGroup::empty(
                GroupKey {
                    id: None,
                    label: "total".into(),
                },
                request.in_currency.is_some(),
            ),
        }
    }

    /// Groups shown even when no deal falls in them, in this order (a pipeline's stages, the
    /// account's owners); groups found only in the deals follow, by label.
    pub fn with_groups(mut self, keys: impl IntoIterator<Item = GroupKey>) -> Self {
        for key in keys {
            self.group(key);
        }
        self.seeded = self.groups.len();
        self
    }

    fn group(&mut self, key: GroupKey) -> &mut SummaryGroup {
        let at = match self.index.get(&key.id) {
            Some(&at) => at,
            None => {
                self.index.insert(key.id.clone(), self.groups.len());
                self.groups.push(SummaryGroup::empty(key, self.convert));
                self.groups.len() - 1
            }
        };
        &mut self.groups[at]
    }

    pub fn add(&mut self, fact: &Fact) {
        self.total.add(fact);
        let key = self.by.key_of(fact);
        self.group(key).add(fact);
    }

    pub fn finish(mut self, source: Source) -> Summary {
        // The deals-only groups by label, the group of deals without the field last.
        self.groups[self.seeded..].sort_by(|a, b| {
            (a.key.id.is_none(), &a.key.label).cmp(&(b.key.id.is_none(), &b.key.label))
        });
        Summary {
            by: self.by,
            groups: self.groups,
            total: self.total,
            in_currency: self.in_currency,
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::model::{Ref, Status};
    use crate::reports::Money;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn stage(id: &str, name: &str) -> Option<Ref> {
        Some(Ref {
            id: id.into(),
            name: Some(name.into()),
        })
    }

    /// A deal in `stage` with `amount` in `currency` and a probability of 0 (weighing nothing).
    fn fact(id: &str, stage_id: &str, amount: Option<&str>, currency: &str) -> Fact {
        Fact {
            id: id.into(),
            stage: stage(stage_id, &format!("Stage {stage_id}")),
            status: Some(Status::Open),
            amount: amount.map(d),
            currency: Some(currency.into()),
            probability: Some(Decimal::ZERO),
            ..Fact::default()
        }
    }

    fn summarise(by: GroupBy, facts: &[Fact]) -> Summary {
        let mut builder = SummaryBuilder::new(&request(by));
        for f in facts {
            builder.add(f);
        }
        builder.finish(Source::List)
    }

    fn request(by: GroupBy) -> SummaryRequest {
        SummaryRequest {
            by,
            in_currency: None,
            source: SourceChoice::Auto,
        }
    }

    fn money(count: u64, total: &str, weighted: &str) -> Money {
        Money::counted(count, d(total), d(weighted))
    }

    #[test]
    fn sums_are_exact_and_never_mix_currencies() {
        let s = summarise(
            GroupBy::Stage,
            &[
                fact("1", "a", Some("0.10"), "EUR"),
                fact("2", "a", Some("0.20"), "EUR"),
                fact("3", "a", Some("0.30"), "USD"),
            ],
        );
        let group = &s.groups[0];
        assert_eq!(group.count, 3);
        assert_eq!(group.sums.money["EUR"], money(2, "0.3", "0"));
        assert_eq!(group.sums.money["EUR"].total.to_string(), "0.30");
        assert_eq!(group.sums.money["USD"], money(1, "0.3", "0"));
        assert_eq!(group.sums.money.len(), 2, "EUR and USD stay apart");
        assert_eq!(s.total.sums.money, group.sums.money);
    }

    #[test]
    fn weighted_is_amount_times_probability_and_deals_without_one_count_in_full() {
        let mut likely = fact("1", "a", Some("1000"), "EUR");
        likely.probability = Some(d("25"));
        let mut precise = fact("2", "a", Some("0.10"), "EUR");
        precise.probability = Some(d("33.3"));
        let mut unknown = fact("3", "a", Some("500"), "EUR");
        unknown.probability = None;
        let s = summarise(GroupBy::Stage, &[likely, precise, unknown]);
        // 1000 × 25 / 100 + 0.10 × 33.3 / 100 + 500 = 250 + 0.0333 + 500: a deal without a
        // probability weighs its whole amount, as Pipedrive's examples do.
        assert_eq!(
            s.groups[0].sums.money["EUR"],
            money(3, "1500.1", "750.0333")
        );
    }

    #[test]
    fn averages_are_per_currency_to_two_decimals() {
        let s = summarise(
            GroupBy::Stage,
            &[
                fact("1", "a", Some("10"), "EUR"),
                fact("2", "a", Some("20"), "EUR"),
                fact("3", "a", Some("0"), "EUR"),
                fact("4", "a", Some("7"), "USD"),
            ],
        );
        let sums = &s.groups[0].sums.money;
        assert_eq!(sums["EUR"].average(), Some(d("10")));
        assert_eq!(sums["USD"].average(), Some(d("7")));
        assert_eq!(money(3, "100", "0").average(), Some(d("33.33")));
        assert_eq!(Money::default().average(), None);
    }

    #[test]
    fn deals_without_amount_are_counted_not_summed() {
        let s = summarise(
            GroupBy::Stage,
            &[
                fact("1", "a", None, "EUR"),
                fact("2", "a", Some("5"), "EUR"),
            ],
        );
        let group = &s.groups[0];
        assert_eq!(group.count, 2);
        assert_eq!(group.sums.without_amount, 1);
        assert_eq!(group.sums.money["EUR"], money(1, "5", "0"));
        assert_eq!(group.sums.money["EUR"].average(), Some(d("5")));
        assert_eq!(s.total.count, 2);
        assert_eq!(s.total.sums.without_amount, 1);
    }

    #[test]
    fn deals_without_the_field_are_grouped_last() {
        let mut no_stage = fact("1", "a", Some("1"), "EUR");
        no_stage.stage = None;
        let s = summarise(
            GroupBy::Stage,
            &[
                no_stage,
                fact("2", "z", Some("1"), "EUR"),
                fact("3", "b", Some("1"), "EUR"),
            ],
        );
        let labels: Vec<&str> = s.groups.iter().map(|g| g.key.label.as_str()).collect();
        assert_eq!(labels, ["Stage b", "Stage z", "(no stage)"]);
        assert_eq!(s.groups[2].key.id, None);
    }

    #[test]
    fn seeded_groups_keep_their_order_even_when_empty() {
        let mut builder = SummaryBuilder::new(&request(GroupBy::Stage)).with_groups([
            GroupKey::new("z", "Lead in"),
            GroupKey::new("y", "Won"),
            GroupKey::new("x", "Lost"),
        ]);
        let mut unknown = fact("9", "q", Some("3"), "EUR");
        unknown.stage = stage("q", "Archived stage");
        builder.add(&fact("1", "x", Some("2"), "EUR"));
        builder.add(&unknown);
        let s = builder.finish(Source::List);
        let labels: Vec<&str> = s.groups.iter().map(|g| g.key.label.as_str()).collect();
        assert_eq!(labels, ["Lead in", "Won", "Lost", "Archived stage"]);
        let counts: Vec<u64> = s.groups.iter().map(|g| g.count).collect();
        assert_eq!(counts, [0, 0, 1, 1]);
        assert!(s.groups[0].sums.money.is_empty());
    }

    #[test]
    fn one_deal_is_its_group_and_the_total() {
        let mut only = fact("1", "a", Some("99.99"), "GBP");
        only.probability = Some(d("50"));
        let s = summarise(GroupBy::Stage, &[only]);
        assert_eq!(s.groups.len(), 1);
        assert_eq!(s.groups[0].count, 1);
        assert_eq!(s.groups[0].sums, s.total.sums);
        assert_eq!(s.total.sums.money["GBP"], money(1, "99.99", "49.995"));
        assert_eq!(s.total.key.label, "total");
    }

    #[test]
    fn the_total_row_sums_every_group_per_currency() {
        let mut won = fact("3", "b", Some("2.5"), "USD");
        won.status = Some(Status::Won);
        let s = summarise(
            GroupBy::Status,
            &[
                fact("1", "a", Some("1.25"), "EUR"),
                fact("2", "b", Some("2.75"), "EUR"),
                won,
                fact("4", "b", None, "EUR"),
            ],
        );
        let labels: Vec<&str> = s.groups.iter().map(|g| g.key.label.as_str()).collect();
        assert_eq!(labels, ["open", "won"]);
        assert_eq!(s.total.count, 4);
        assert_eq!(s.total.sums.without_amount, 1);
        assert_eq!(s.total.sums.money["EUR"], money(2, "4", "0"));
        assert_eq!(s.total.sums.money["USD"], money(1, "2.5", "0"));
    }

    #[test]
    fn close_months_and_currencies_group_by_their_value() {
        let mut march = fact("1", "a", Some("1"), "EUR");
        march.close_date = "2026-03-31".parse().ok();
        let mut january = fact("2", "a", Some("1"), "USD");
        january.close_date = "2026-01-01".parse().ok();
        let undated = fact("3", "a", Some("1"), "EUR");
        let facts = [march, january, undated];
        let by_month = summarise(GroupBy::CloseMonth, &facts);
        let months: Vec<&str> = by_month
            .groups
            .iter()
            .map(|g| g.key.label.as_str())
            .collect();
        assert_eq!(months, ["2026-01", "2026-03", "(no close month)"]);
        let by_currency = summarise(GroupBy::Currency, &facts);
        let codes: Vec<&str> = by_currency
            .groups
            .iter()
            .map(|g| g.key.label.as_str())
            .collect();
        assert_eq!(codes, ["EUR", "USD"]);
    }

    #[test]
    fn converted_amounts_sum_apart_when_asked() {
        let mut builder = SummaryBuilder::new(&SummaryRequest {
            by: GroupBy::Stage,
            in_currency: Some("EUR".into()),
            source: SourceChoice::List,
        });
        let mut usd = fact("1", "a", Some("110"), "USD");
        usd.converted = Some(d("100.10"));
        usd.probability = Some(d("10"));
        let mut eur = fact("2", "a", Some("0.20"), "EUR");
        eur.converted = Some(d("0.20"));
        builder.add(&usd);
        builder.add(&eur);
        let s = builder.finish(Source::List);
        assert_eq!(s.in_currency.as_deref(), Some("EUR"));
        assert_eq!(s.groups[0].sums.converted, Some(money(2, "100.3", "10.01")));
        assert_eq!(s.total.sums.converted, Some(money(2, "100.3", "10.01")));
    }

    #[test]
    fn money_serialises_as_exact_strings_with_its_average() {
        let json = serde_json::to_value(money(3, "0.30", "0.030")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"count": 3, "total": "0.3", "weighted": "0.03", "average": "0.1"})
        );
        let none = serde_json::to_value(Money::default()).unwrap();
        assert_eq!(none["average"], serde_json::Value::Null);
    }
}
