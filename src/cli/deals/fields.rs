//! The field flags shared by create, update and upsert, and how they become a [`DealInput`].

use clap::Args;
use serde_json::Value;

use super::list::split_pair;
use crate::error::Result;
use crate::model::{check_id, parse_amount, parse_flag_date, DealInput, Status};

#[derive(Debug, Clone, Default, Args)]
pub struct FieldArgs {
    /// The deal's name
    #[arg(long, value_name = "N")]
    pub name: Option<String>,
    /// Amount with a dot for decimals, e.g. 1500.00
    #[arg(long, value_name = "1500.00", allow_negative_numbers = true)]
    pub amount: Option<String>,
    /// ISO 4217 currency code, e.g. USD
    #[arg(long, value_name = "USD")]
    pub currency: Option<String>,
    /// Pipeline (name or id)
    #[arg(long, value_name = "P")]
    pub pipeline: Option<String>,
    /// Stage (name or id)
    #[arg(long, value_name = "S")]
    pub stage: Option<String>,
    /// Won or lost moves the deal to its pipeline's closing stage
    #[arg(long, value_enum)]
    pub status: Option<Status>,
    /// Owner (name, email or id)
    #[arg(long, value_name = "O")]
    pub owner: Option<String>,
    /// Expected close date, YYYY-MM-DD
    #[arg(long, value_name = "2026-12-31")]
    pub close_date: Option<String>,
    /// Associate a contact (id; repeatable)
    #[arg(long = "contact", value_name = "C")]
    pub contacts: Vec<String>,
    /// Associate a company (id)
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
    /// Replace the tags with these
    #[arg(long, value_delimiter = ',', value_name = "a,b")]
    pub tags: Option<Vec<String>>,
    /// Set a custom field or property by name (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

impl FieldArgs {
    pub fn to_input(&self) -> Result<DealInput> {
        let mut custom = serde_json::Map::new();
        for pair in &self.set {
            let (k, v) = split_pair("--set", pair)?;
            custom.insert(k, Value::String(v));
        }
        Ok(DealInput {
            name: self.name.clone(),
            amount: self.amount.as_deref().map(parse_amount).transpose()?,
            currency: self
                .currency
                .as_ref()
                .map(|c| c.trim().to_ascii_uppercase()),
            pipeline: self.pipeline.clone(),
            stage: self.stage.clone(),
            status: self.status,
            owner: self.owner.clone(),
            close_date: self
                .close_date
                .as_deref()
                .map(|d| parse_flag_date("--close-date", d))
                .transpose()?,
            contacts: self
                .contacts
                .iter()
                .map(|c| check_id("contact", c))
                .collect::<Result<_>>()?,
            company: self
                .company
                .as_deref()
                .map(|c| check_id("company", c))
                .transpose()?,
            tags: self.tags.clone(),
            custom,
            ..DealInput::default()
        })
    }
}
