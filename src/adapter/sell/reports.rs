//! Zendesk Sell's reports: through the deals list, each won deal's `won_at` read from Sell's own
//! JSON. Sell keeps no field history: `history` stays unsupported (exit 6, before any request).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use futures::stream::StreamExt;
use serde_json::Value;

use super::Sell;
use crate::adapter::{FactNeeds, FactPages, Reports};
use crate::error::Result;
use crate::model::{Deal, ListQuery, Status};
use crate::reports::Fact;

#[async_trait]
impl Reports for Sell {
    /// The deals list; with `needs.won_at`, each deal keeps Sell's JSON long enough to read when
    /// it was won.
    async fn facts<'a>(&'a self, query: &ListQuery, needs: FactNeeds) -> Result<FactPages<'a>> {
        let pages = self.list_pages_keeping(query, needs.won_at).await?;
        Ok(pages
            .map(move |page| {
                page.map(|deals| deals.into_iter().map(|d| to_fact(d, needs)).collect())
            })
            .boxed())
    }
}

/// A listed deal as a [`Fact`]. A deal in a won stage was won when it entered that stage:
/// `last_stage_change_at`, "Date and time when the deal was moved into the current stage in UTC
/// (ISO8601 format)" (Sell's deals API, seeds/004).
fn to_fact(deal: Deal, needs: FactNeeds) -> Fact {
    let won_at = if needs.won_at && deal.status == Some(Status::Won) {
        deal.raw
            .as_ref()
            .and_then(|raw| raw.get("last_stage_change_at"))
            .and_then(Value::as_str)
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc))
    } else {
        None
    };
    Fact {
        won_at,
        ..Fact::from_deal(deal)
    }
}
