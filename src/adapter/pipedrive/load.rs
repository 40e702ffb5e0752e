//! Loading Pipedrive's metadata through the cache: pipelines, stages and deal fields from v2,
//! users and the company domain from v1 (v2 has no users).

use std::sync::atomic::Ordering;

use serde_json::Value;

use super::meta::Meta;
use super::wire::{data_items, next_cursor, FieldWire, PipelineWire, StageWire, UserWire};
use super::{costs, v1, v2, Pipedrive};
use crate::error::{Error, Result};
use crate::http::Request;

impl Pipedrive {
    /// Every item of a v2 list, following the cursor.
    async fn fetch_all<T: serde::de::DeserializeOwned>(
        &self,
        segments: &[&str],
        tokens: u32,
        what: &str,
    ) -> Result<Vec<T>> {
        // 500 a page: no account has this many pages of metadata, so more means a server that
        // never stops paging, and crm would rather stop than loop forever.
        const MAX_PAGES: usize = 20;
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut request = Request::get(v2(segments)).query("limit", 500);
            if let Some(c) = &cursor {
                request = request.query("cursor", c);
            }
            let body = self.send(request, tokens).await?;
            items.extend(data_items(&body));
            cursor = next_cursor(&body);
            if cursor.is_none() {
                break;
            }
        }
        parse(Value::Array(items), what)
    }

    async fn fetch_users(&self) -> Result<Vec<UserWire>> {
        let body = self
            .send(Request::get(v1(&["users"])), costs::USERS)
            .await?;
        parse(Value::Array(data_items(&body)), "users")
    }

    /// The account's company domain (`/api/v1/users/me`), which deal links need. A link is a nicety:
    /// when the call fails, deals come without one rather than the command failing.
    async fn fetch_company_domain(&self) -> Result<Option<String>> {
        match self
            .send(Request::get(v1(&["users", "me"])), costs::ME)
            .await
        {
            Ok(body) => Ok(body
                .pointer("/data/company_domain")
                .and_then(Value::as_str)
                .filter(|d| {
                    !d.is_empty() && d.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                })
                .map(str::to_string)),
            Err(e @ Error::DryRunStop(_)) => Err(e),
            Err(_) => Ok(None),
        }
    }

    /// Pipelines, stages, users and deal fields, from the cache when fresh.
    pub(crate) async fn meta(&self) -> Result<Meta> {
        let cache = &self.env.cache;
        Ok(Meta {
            pipelines: cache
                .get_or_fetch::<Vec<PipelineWire>, _>(
                    "pipelines",
                    self.fetch_all(&["pipelines"], costs::PIPELINES, "pipelines"),
                )
                .await?,
            stages: cache
                .get_or_fetch::<Vec<StageWire>, _>(
                    "stages",
                    self.fetch_all(&["stages"], costs::STAGES, "stages"),
                )
                .await?,
            users: cache.get_or_fetch("users", self.fetch_users()).await?,
            fields: cache
                .get_or_fetch::<Vec<FieldWire>, _>(
                    "fields",
                    self.fetch_all(&["dealFields"], costs::FIELDS, "deal fields"),
                )
                .await?,
            company_domain: cache
                .get_or_fetch("company", self.fetch_company_domain())
                .await?,
        })
    }

    /// Runs a name lookup; when a name is missing from cached metadata, reloads it once and
    /// retries (a stage or field created since the cache was written must still resolve).
    pub(crate) async fn with_fresh_meta<T>(
        &self,
        lookup: impl Fn(&Meta) -> Result<T>,
    ) -> Result<T> {
        let meta = self.meta().await?;
        match lookup(&meta) {
            Err(Error::NotFound { .. } | Error::Usage { .. })
                if !self.reloaded.swap(true, Ordering::SeqCst) =>
            {
                for name in ["pipelines", "stages", "users", "fields", "company"] {
                    self.env.cache.forget(name);
                }
                lookup(&self.meta().await?)
            }
            other => other,
        }
    }
}

fn parse<T: serde::de::DeserializeOwned>(items: Value, what: &str) -> Result<T> {
    serde_json::from_value(items)
        .map_err(|e| Error::internal(format!("Pipedrive sent {what} crm cannot read: {e}")))
}
