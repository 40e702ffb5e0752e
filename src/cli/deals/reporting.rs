//! What `deals summary` and `deals timeline` share: the options for converted totals and the
//! figures' source, and the facts loop that sums a streamed list in constant memory.

use clap::Args;
use futures::StreamExt;

use crate::adapter::{Adapter, FactNeeds};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::ListQuery;
use crate::reports::{Fact, SourceChoice};

/// `--in-currency` and `--via`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Also total every row in this currency, where the vendor converts amounts (Pipedrive's
    /// converted totals, HubSpot's amount in the company currency)
    #[arg(long, value_name = "CODE")]
    pub in_currency: Option<String>,
    /// Where the figures come from: the vendor's own report where one answers (auto), that report
    /// or a refusal (vendor), or crm summing the listed deals (list)
    #[arg(long, value_enum, value_name = "SOURCE", default_value_t = SourceChoice::Auto)]
    pub via: SourceChoice,
}

impl ReportArgs {
    /// The currency to convert into, when the vendor converts into it; otherwise crm says why on
    /// stderr and the totals stay per currency.
    pub async fn conversion(&self, adapter: &dyn Adapter, ctx: &Context) -> Result<Option<String>> {
        let Some(code) = &self.in_currency else {
            return Ok(None);
        };
        let code = currency_code(code)?;
        let vendor = adapter.vendor().display_name();
        match adapter.reports().home_currency().await? {
            Some(home) if home.eq_ignore_ascii_case(&code) => Ok(Some(home)),
            Some(home) => {
                ctx.streams.notice(&format!(
                    "{vendor} converts amounts only into the account's currency, {home}: totals \
                     stay per currency (--in-currency {home} converts them)"
                ));
                Ok(None)
            }
            None => {
                ctx.streams.notice(&format!(
                    "{vendor} gives no converted amounts: totals stay per currency"
                ));
                Ok(None)
            }
        }
    }
}

/// `request`'s conversion, for crm's own sum of the listed deals: dropped, with a notice, where the
/// vendor converts amounts only in its own `report` (which could not answer).
pub fn listed_conversion(
    adapter: &dyn Adapter,
    ctx: &Context,
    report: &str,
    in_currency: &mut Option<String>,
) {
    if in_currency.is_some() && !adapter.reports().converts_listed() {
        ctx.streams.notice(&format!(
            "{} converts amounts only in its own {report}, which cannot answer these options: \
             totals stay per currency",
            adapter.vendor().display_name()
        ));
        *in_currency = None;
    }
}

/// A three-letter currency code, in capitals.
fn currency_code(text: &str) -> Result<String> {
    let code = text.trim();
    if code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(Error::usage_hint(
            format!("--in-currency {text:?} is not a currency code"),
            "give a three-letter ISO 4217 code, e.g. --in-currency USD",
        ))
    }
}

/// Streams the facts of the deals `query` selects into `add`, page by page. A deal whose amount
/// the vendor did not convert, when a conversion was asked for, makes the converted totals
/// meaningless: that is an error, never a silent zero.
pub async fn each_fact(
    adapter: &dyn Adapter,
    query: &ListQuery,
    needs: FactNeeds,
    mut add: impl FnMut(&Fact),
) -> Result<()> {
    let mut pages = adapter.reports().facts(query, needs).await?;
    while let Some(page) = pages.next().await {
        for fact in page? {
            if needs.converted && fact.amount.is_some() && fact.converted.is_none() {
                return Err(Error::usage_hint(
                    format!(
                        "{} gave no converted amount for deal {}",
                        adapter.vendor().display_name(),
                        fact.id
                    ),
                    "leave out --in-currency: totals stay per currency",
                ));
            }
            add(&fact);
        }
    }
    Ok(())
}
