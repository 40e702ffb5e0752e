//! The two traits every vendor implements — [`Adapter`], the verbs, and [`Bulk`], the import's
//! batch writes — what each declares it can do, and the one `match` on vendor.

pub mod capabilities;
pub mod error;
pub mod field_info;
pub mod hubspot;
pub mod pipedrive;
pub mod reports;
pub mod sell;
pub mod spec;
pub mod tiers;

use std::sync::Arc;

use async_trait::async_trait;
use futures::stream::BoxStream;

pub use capabilities::{
    Associations, Capabilities, Filter, IntoEnumIterator, Op, Support, SORTABLE,
};
pub use field_info::CustomFieldInfo;
pub use reports::{FactNeeds, FactPages, Reports};
pub use spec::VendorSpec;

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

/// One CRM's deals: the verbs of `crm deals`, `crm pipelines` and `crm users`. An operation a
/// vendor lacks keeps the default body, a typed [`Error::Unsupported`] (exit 6); commands check
/// [`Capabilities`] before they call one, so that error comes before any request.
///
/// Every method that sends a request may also fail with [`Error::Auth`] (exit 4: the token was
/// refused or lacks a permission), [`Error::Rejected`] (exit 5: the vendor refused the request)
/// or [`Error::Transient`] (exit 7: rate limits or the network, after the retries); each method
/// names only the errors peculiar to it.
#[async_trait]
pub trait Adapter: Send + Sync {
    fn vendor(&self) -> Vendor;

    /// The deals `query` selects, as pages in the order asked for. Errors: [`Error::Usage`] for a
    /// filter or a name the vendor cannot take, [`Error::NotFound`] for a pipeline, stage or
    /// owner that does not exist; an error while paging ends the stream.
    async fn list<'a>(&'a self, query: &ListQuery) -> Result<DealPages<'a>>;

    /// One live deal, with its contacts when `with_contacts`. Errors: [`Error::NotFound`] when
    /// there is no such deal, and for a deleted one the vendor still keeps.
    async fn get(&self, id: &str, with_contacts: bool) -> Result<Deal>;

    /// One deal, a deleted one the vendor still keeps included (`"deleted": true`), for
    /// `deals get --archived`. A vendor whose delete is permanent has nothing more to show.
    /// Errors: [`Error::NotFound`].
    async fn get_including_deleted(&self, id: &str) -> Result<Deal> {
        self.get(id, true).await
    }

    /// Creates a deal; returns it as the vendor now has it, with the associations that failed
    /// after the create in [`Written::failures`]. Errors: [`Error::Usage`] for a field the
    /// vendor cannot take, [`Error::NotFound`] for a pipeline, stage or owner that does not
    /// exist, [`Error::Conflict`] when another deal holds one of its unique values.
    async fn create(&self, input: &DealInput) -> Result<Written>;

    /// Changes the fields `input` sets on deal `id`; returns the deal as the vendor now has it.
    /// Errors: as [`Adapter::create`], and [`Error::NotFound`] when there is no such deal.
    async fn update(&self, id: &str, input: &DealInput) -> Result<Written>;

    /// Deletes deal `id`. Errors: [`Error::NotFound`] when there is no such deal.
    async fn delete(&self, id: &str) -> Result<()>;

    /// Merges deal `other` into deal `keep`; returns the deal that remains. Errors:
    /// [`Error::NotFound`] when either deal does not exist.
    async fn merge(&self, _keep: &str, _other: &str) -> Result<Deal> {
        Err(unsupported(self.vendor(), Op::Merge))
    }

    /// Makes `user` (an id, name or email) a follower of deal `id`; returns that user. Errors:
    /// [`Error::NotFound`] for the deal or the user, [`Error::Usage`] for an ambiguous name.
    async fn follow(&self, _id: &str, _user: &str) -> Result<User> {
        Err(unsupported(self.vendor(), Op::Follow))
    }

    /// Stops `user` following deal `id`; returns that user. Errors: as [`Adapter::follow`].
    async fn unfollow(&self, _id: &str, _user: &str) -> Result<User> {
        Err(unsupported(self.vendor(), Op::Unfollow))
    }

    /// The users who follow deal `id`. Errors: [`Error::NotFound`] when there is no such deal.
    async fn followers(&self, _id: &str) -> Result<Vec<User>> {
        Err(unsupported(self.vendor(), Op::Followers))
    }

    /// Links deal `id` to a contact or a company; returns a sentence saying what was linked.
    /// Errors: [`Error::Usage`] for options the vendor does not take, [`Error::NotFound`] for the
    /// deal, the target or a label.
    async fn associate(
        &self,
        _id: &str,
        target: &Target,
        _options: &AssociateOptions,
    ) -> Result<String> {
        Err(unsupported(self.vendor(), Op::associate(target)))
    }

    /// Removes the link between deal `id` and a contact or a company; returns a sentence saying
    /// what was unlinked. Errors: [`Error::NotFound`] for the deal or the link.
    async fn dissociate(&self, _id: &str, target: &Target) -> Result<String> {
        Err(unsupported(self.vendor(), Op::dissociate(target)))
    }

    /// Updates the one deal whose fields have the values `matches` gives, or creates it when
    /// none does; returns it, with [`Written::created`] when the vendor says which it did.
    /// Errors: [`Error::Usage`] for a field that cannot be matched on or several matching deals,
    /// and those of [`Adapter::create`].
    async fn upsert(&self, _matches: &[(String, String)], _input: &DealInput) -> Result<Written> {
        Err(unsupported(self.vendor(), Op::Upsert))
    }

    /// The account's pipelines with their stages, in the vendor's order.
    async fn pipelines(&self) -> Result<Vec<Pipeline>>;

    /// The account's users (owners), archived ones included.
    async fn users(&self) -> Result<Vec<User>>;

    /// The account's custom deal fields, by the names `--set` and `custom.NAME` take.
    async fn custom_fields_info(&self) -> Result<Vec<CustomFieldInfo>>;

    /// Refuses what can be judged without any request: a field this vendor cannot write at all
    /// ([`Error::Usage`]). Commands call it for every record before they send anything.
    fn check_input(&self, _input: &DealInput) -> Result<()> {
        Ok(())
    }

    /// Common deal fields this vendor shows but cannot take in a write, each with the reason.
    fn unwritable_fields(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }

    /// The same adapter, for `deals import`'s bulk writes.
    fn bulk(&self) -> &dyn Bulk;

    /// The same adapter, for `deals summary`, `timeline` and `history`.
    fn reports(&self) -> &dyn Reports;
}

/// The error of an operation `vendor` lacks (exit 6), before any request.
pub fn unsupported(vendor: Vendor, op: Op) -> Error {
    Error::unsupported(vendor, op.describe())
}

/// How a vendor's upsert treats a record's contacts and company, declared by the vendor so that
/// `deals import` can say beforehand what it leaves to `crm deals associate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpsertLinks {
    /// The upsert adds every contact and the company itself, after the write, as a create does
    /// (HubSpot's batch upsert).
    All,
    /// The upsert creates through the vendor's own create, which takes the primary contact (the
    /// first: Sell cannot create a deal without it) and nothing else.
    PrimaryContact,
}

/// Bulk writes, for `deals import`. The defaults go record by record through the verbs of
/// [`Adapter`], so every vendor imports; a vendor with batch endpoints overrides them. Each batch
/// method returns one result per input, in input order, so one bad record never hides the
/// others' outcomes; each result may fail as the verb it stands for does.
#[async_trait]
pub trait Bulk: Adapter {
    /// How many records one batch call carries (1: no batch endpoint).
    fn batch_size(&self) -> usize {
        1
    }

    /// What an upsert does with a record's contacts and company.
    fn upsert_links(&self) -> UpsertLinks {
        UpsertLinks::PrimaryContact
    }

    /// Checks a record and resolves its names without writing anything (`import --plan`).
    /// Errors: as [`Adapter::create`] (`creating`) or [`Adapter::update`] would raise them for it.
    async fn validate(&self, _input: &DealInput, _creating: bool) -> Result<()> {
        Ok(())
    }

    /// Creates deals.
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
    /// settle a write whose outcome is unknown. Errors: [`Error::Unsupported`] for a key the
    /// vendor cannot read by.
    async fn read_by_key(&self, key: &str, values: &[String]) -> Result<Vec<Deal>> {
        if key != "id" {
            return Err(Error::unsupported(
                self.vendor(),
                "reading deals by a unique field",
            ));
        }
        read_ids(values, 1, |id| async move { self.get(&id, false).await }).await
    }

    /// For creates the vendor refused as a batch over a conflict: for each input, the existing
    /// deal that already holds one of its unique values, read in one go (not record by record).
    /// Vendors without unique values know of none.
    async fn taken_unique_values(&self, inputs: &[DealInput]) -> Result<Vec<Option<Taken>>> {
        Ok(inputs.iter().map(|_| None).collect())
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

/// A key `--unset` was given, as the common field it names: `key` itself, or the common field
/// of the vendor's own key in `vendor_keys` (pairs of vendor key and common field).
pub(crate) fn common_key<'a>(vendor_keys: &'a [(&'a str, &'a str)], key: &'a str) -> &'a str {
    vendor_keys
        .iter()
        .find(|(vendor, _)| *vendor == key)
        .map_or(key, |(_, common)| common)
}

/// Builds the adapter for a vendor.
pub fn build(vendor: Vendor, env: AdapterEnv) -> Result<Box<dyn Adapter>> {
    match vendor {
        Vendor::Hubspot => Ok(Box::new(hubspot::HubSpot::new(env))),
        Vendor::Pipedrive => Ok(Box::new(pipedrive::Pipedrive::new(env)?)),
        Vendor::Sell => Ok(Box::new(sell::Sell::new(env))),
    }
}

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

/// How `vendor` takes `token` (the header it travels in) and how its error answers read.
pub fn http_profile(
    vendor: Vendor,
    token: &str,
) -> (crate::http::AuthScheme, Arc<dyn crate::http::VendorPolicy>) {
    (vendor.spec().auth.http)(token)
}

/// The default base URL of each vendor's API.
pub fn default_base_url(vendor: Vendor) -> &'static str {
    vendor.spec().default_base_url
}
