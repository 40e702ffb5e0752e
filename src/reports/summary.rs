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
