//! The adapter trait every vendor implements, what each declares it can do, and the one `match` on vendor.

pub mod capabilities;
pub mod error;
pub mod field_info;
pub mod hubspot;
pub mod pipedrive;
pub mod sell;
pub mod tiers;

use std::sync::Arc;

use async_trait::async_trait;
use futures::stream::BoxStream;

pub use capabilities::{Capabilities, Filter, Op, Support, SORTABLE};
pub use field_info::CustomFieldInfo;

use crate::cache::MetaCache;
use crate::error::{Error, Failure, Result};
use crate::http::HttpClient;
use crate::model::{AssociateOptions, Deal, DealInput, ListQuery, Pipeline, Target, User, Vendor};
use crate::streams::Streams;

/// Pages of deals, in order, as they arrive.
pub type DealPages<'a> = BoxStream<'a, Result<Vec<Deal>>>;

/// The result of a write: the deal as the vendor now has it, and what else happened.
#[derive(Debug, Clone)]
pub struct Written {
    pub deal: Deal,
    /// Records attached to the write that failed (associations after a create): exit 8.
    pub failures: Vec<Failure>,
    /// Whether an upsert created the deal, when the vendor says so.
    pub created: Option<bool>,
}

impl Written {
    pub fn new(deal: Deal) -> Self {
        Written {
            deal,
            failures: Vec::new(),
            created: None,
        }
    }
}

/// What every adapter receives: the HTTP client, the metadata cache, and stderr for notices.
#[derive(Clone)]
pub struct AdapterEnv {
    pub http: HttpClient,
    pub cache: Arc<MetaCache>,
    pub streams: Streams,
    /// `--raw`: keep the vendor's payload under `raw`.
    pub raw: bool,
}

impl AdapterEnv {
    pub fn notice(&self, text: &str) {
        self.streams.notice(text);
    }
}

/// One CRM's deals. Operations a vendor lacks keep the default body: a typed "not supported" error.
#[async_trait]
pub trait Adapter: Send + Sync {
    fn vendor(&self) -> Vendor;

    fn capabilities(&self) -> &'static Capabilities {
        Capabilities::of(self.vendor())
    }

    fn unsupported(&self, op: Op) -> Error {
        Error::unsupported(self.vendor(), op.describe())
    }

    async fn list<'a>(&'a self, query: &ListQuery) -> Result<DealPages<'a>>;
    /// One live deal: a deleted one the vendor still keeps is not found (exit 3).
    async fn get(&self, id: &str, with_contacts: bool) -> Result<Deal>;
    /// One deal, a deleted one the vendor still keeps included (`"deleted": true`), for
    /// `deals get --archived`. A vendor whose delete is permanent has nothing more to show.
    async fn get_including_deleted(&self, id: &str) -> Result<Deal> {
        self.get(id, true).await
    }
    async fn create(&self, input: &DealInput) -> Result<Written>;
    async fn update(&self, id: &str, input: &DealInput) -> Result<Written>;
    async fn delete(&self, id: &str) -> Result<()>;

    async fn merge(&self, _keep: &str, _other: &str) -> Result<Deal> {
        Err(self.unsupported(Op::Merge))
    }
    async fn follow(&self, _id: &str, _user: &str) -> Result<User> {
        Err(self.unsupported(Op::Follow))
    }
    async fn unfollow(&self, _id: &str, _user: &str) -> Result<User> {
        Err(self.unsupported(Op::Unfollow))
    }
    async fn followers(&self, _id: &str) -> Result<Vec<User>> {
        Err(self.unsupported(Op::Followers))
    }
    /// Returns a sentence saying what was linked.
    async fn associate(
        &self,
        _id: &str,
        target: &Target,
        _options: &AssociateOptions,
    ) -> Result<String> {
        Err(self.unsupported(Op::associate(target)))
    }
    async fn dissociate(&self, _id: &str, target: &Target) -> Result<String> {
        Err(self.unsupported(Op::dissociate(target)))
    }
    async fn upsert(&self, _matches: &[(String, String)], _input: &DealInput) -> Result<Written> {
        Err(self.unsupported(Op::Upsert))
    }

    async fn pipelines(&self) -> Result<Vec<Pipeline>>;
    async fn users(&self) -> Result<Vec<User>>;
    /// The account's custom deal fields, by the names `--set` and `custom.NAME` take.
    async fn custom_fields_info(&self) -> Result<Vec<CustomFieldInfo>>;

    /// Refuses what can be judged without any request: a field this vendor cannot write at all.
    /// Commands call it for every record before they send anything.
    fn check_input(&self, _input: &DealInput) -> Result<()> {
        Ok(())
    }

    /// Common deal fields this vendor shows but cannot take in a write, each with the reason.
    fn unwritable_fields(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }

    // Bulk writes (`deals import`). The defaults go record by record through the verbs above, so
    // every vendor imports; a vendor with batch endpoints overrides them. Each returns one result
    // per input, in input order, so one bad record never hides the others' outcomes.

    /// Whether `upsert_batch` adds each record's contacts and company itself (after the write, as
    /// a create does). Otherwise an import leaves them to `crm deals associate` and says so.
    fn upsert_takes_associations(&self) -> bool {
        false
    }

    /// How many records one batch call carries (1: no batch endpoint).
    fn batch_size(&self) -> usize {
        1
    }

    /// For creates the vendor refused as a batch over a conflict: for each input, the existing
    /// deal that already holds one of its unique values, read in one go (not record by record).
    /// Vendors without unique values know of none.
    async fn taken_unique_values(&self, inputs: &[DealInput]) -> Result<Vec<Option<Taken>>> {
        Ok(inputs.iter().map(|_| None).collect())
    }

    /// Checks a record and resolves its names without writing anything (`import --plan`).
    async fn validate(&self, _input: &DealInput, _creating: bool) -> Result<()> {
        Ok(())
    }

    async fn create_batch(&self, inputs: &[DealInput]) -> Vec<Result<Written>> {
        let mut out = Vec::with_capacity(inputs.len());
        for input in inputs {
            out.push(self.create(input).await);
        }
        out
    }

    /// Updates deals by id.
    async fn update_batch(&self, items: &[(String, DealInput)]) -> Vec<Result<Written>> {
        let mut out = Vec::with_capacity(items.len());
        for (id, input) in items {
            out.push(self.update(id, input).await);
        }
        out
    }

    /// Creates or updates each deal by the value of a unique field `key`.
    async fn upsert_batch(&self, key: &str, items: &[(String, DealInput)]) -> Vec<Result<Written>> {
        let mut out = Vec::with_capacity(items.len());
        for (value, input) in items {
            out.push(
                self.upsert(&[(key.to_string(), value.clone())], input)
                    .await,
            );
        }
        out
    }

    /// The deals whose `key` (`id`, or a unique field) has one of `values`; absent ones are left
    /// out. Reads the records themselves, never a search index that may lag a write, so it can
    /// settle a write whose outcome is unknown.
    async fn read_by_key(&self, key: &str, values: &[String]) -> Result<Vec<Deal>> {
        if key != "id" {
            return Err(Error::unsupported(
                self.vendor(),
                "reading deals by a unique field",
            ));
        }
        read_ids(values, 1, |id| async move { self.get(&id, false).await }).await
    }
}

/// Reads each of `ids` with `read`, `in_flight` at once, in order, leaving out the deals the
/// vendor does not have; any other error ends the read.
pub(crate) async fn read_ids<F, Fut>(ids: &[String], in_flight: usize, read: F) -> Result<Vec<Deal>>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<Deal>>,
{
    use futures::stream::{self, StreamExt, TryStreamExt};
    let found: Vec<Option<Deal>> = stream::iter(ids.to_vec())
        .map(|id| {
            let read = read(id);
            async move {
                match read.await {
                    Ok(deal) => Ok(Some(deal)),
                    Err(Error::NotFound { .. }) => Ok(None),
                    Err(e) => Err(e),
                }
            }
        })
        .buffered(in_flight.max(1))
        .try_collect()
        .await?;
    Ok(found.into_iter().flatten().collect())
}

/// Builds the adapter for a vendor.
pub fn build(vendor: Vendor, env: AdapterEnv) -> Result<Box<dyn Adapter>> {
    match vendor {
        Vendor::Hubspot => Ok(Box::new(hubspot::HubSpot::new(env))),
        Vendor::Pipedrive => Ok(Box::new(pipedrive::Pipedrive::new(env)?)),
        Vendor::Sell => Ok(Box::new(sell::Sell::new(env))),
    }
}

/// The HTTP settings an adapter needs from its vendor: how the token travels and how errors read.
/// Pipedrive takes API tokens (40 hex characters) in `x-api-token` and OAuth tokens as Bearer.
/// A unique value an existing deal already holds: what a create of it would conflict with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    /// The unique property (as the vendor names it) and the value.
    pub property: String,
    pub value: String,
    /// The deal that holds it.
    pub id: String,
}

/// An error answer of `vendor` through its policy: the fuzz targets' entry point (`fuzz/`).
#[doc(hidden)]
pub fn fuzz_error(vendor: Vendor, status: u16, body: &[u8]) -> Error {
    let (_, policy) = http_profile(vendor, "0123456789abcdef0123456789abcdef01234567");
    let text = String::from_utf8_lossy(body);
    policy.error(status, &reqwest::header::HeaderMap::new(), &text)
}

pub fn http_profile(
    vendor: Vendor,
    token: &str,
) -> (crate::http::AuthScheme, Arc<dyn crate::http::VendorPolicy>) {
    match vendor {
        Vendor::Pipedrive => {
            let api_token = pipedrive::error::is_api_token(token);
            let auth = if api_token {
                crate::http::AuthScheme::Header("x-api-token")
            } else {
                crate::http::AuthScheme::Bearer
            };
            (
                auth,
                Arc::new(pipedrive::error::PipedrivePolicy { api_token }),
            )
        }
        Vendor::Hubspot => (
            crate::http::AuthScheme::Bearer,
            Arc::new(hubspot::error::HubSpotPolicy),
        ),
        Vendor::Sell => (
            crate::http::AuthScheme::Bearer,
            Arc::new(sell::error::SellPolicy),
        ),
    }
}

/// The default base URL of each vendor's API.
pub fn default_base_url(vendor: Vendor) -> &'static str {
    match vendor {
        Vendor::Hubspot => "https://api.hubapi.com",
        Vendor::Pipedrive => "https://api.pipedrive.com",
        Vendor::Sell => "https://api.getbase.com",
    }
}
