//! `deals import` for Zendesk Sell: records checked without writing (`--plan`), deals read by a
//! custom field through the list filter `custom_fields[NAME]=VALUE`, and upserts by Sell's own
//! upsert, which is idempotent by filter: an upsert whose outcome is unknown is simply sent again.

use futures::stream::{self, StreamExt, TryStreamExt};

use super::input::{self, Mode, Plan};
use super::{list, Sell};
use crate::adapter::{read_ids, Written};
use crate::error::{Error, Result};
use crate::model::{Deal, DealInput};

/// Reads in flight at once; Sell's limiter (10 a second) paces them.
const READS_IN_FLIGHT: usize = 4;

impl Sell {
    /// Resolves every name and checks what Sell would refuse, sending no write.
    pub(super) async fn check_record(&self, input: &DealInput, creating: bool) -> Result<()> {
        let mode = if creating { Mode::Create } else { Mode::Update };
        input::contacts(input, mode, &mut Plan::default())?;
        self.plan(input, mode, None).await.map(|_| ())
    }

    /// The deals whose `key` (`id` or a custom field) has one of `values`. A custom field is read
    /// through the list filter, which reads the deals themselves.
    pub(super) async fn read_keyed(&self, key: &str, values: &[String]) -> Result<Vec<Deal>> {
        if key == "id" {
            return read_ids(values, READS_IN_FLIGHT, |id| async move {
                self.fetch_deal(&id).await
            })
            .await;
        }
        let fields = self.custom_fields().await?;
        let name = input::custom_field(&fields, key)?.name.clone();
        let filter = format!("custom_fields[{name}]");
        let pages: Vec<Vec<Deal>> = stream::iter(values.to_vec())
            .map(|value| {
                let params = vec![(filter.clone(), value)];
                async move {
                    // A unique key matches one deal; a full page means duplicates worth seeing.
                    let (_, deals) = self.deal_page(&params, 1, list::PAGE, false).await?;
                    Ok::<_, Error>(deals)
                }
            })
            .buffered(READS_IN_FLIGHT)
            .try_collect()
            .await?;
        Ok(pages.into_iter().flatten().collect())
    }

    /// One upsert per record, without the per-call notice about a missing contact (the import's
    /// report names each record Sell refuses).
    pub(super) async fn upsert_each(
        &self,
        key: &str,
        items: &[(String, DealInput)],
    ) -> Vec<Result<Written>> {
        let mut out = Vec::with_capacity(items.len());
        for (value, input) in items {
            let matches = [(key.to_string(), value.clone())];
            out.push(self.upsert_by_filters(&matches, input, false).await);
        }
        out
    }
}
