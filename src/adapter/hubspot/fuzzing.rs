//! The parsers of HubSpot's answers, as the fuzz targets (`fuzz/`) call them: bytes in, a result
//! out, on the example metadata. Not an API: nothing else uses it.

use serde_json::Value;

use super::meta::Meta;
use crate::error::{Error, Result};
use crate::model::Deal;

fn json(bytes: &[u8]) -> Result<Value> {
    serde_json::from_slice(bytes).map_err(Error::internal)
}

/// One deal object, as `GET /crm/v3/objects/deals/{id}` answers it.
pub fn deal(bytes: &[u8]) -> Result<Deal> {
    super::convert::to_deal(json(bytes)?, &Meta::example(), true)
}

/// A page of deals, as the list and the search answer it: the deals and the next cursor.
pub fn page(bytes: &[u8]) -> Result<(Vec<Deal>, Option<String>)> {
    let page = super::list::read_page(json(bytes)?)?;
    let next = page.next_after();
    let meta = Meta::example();
    let deals = page
        .results
        .into_iter()
        .map(|v| super::convert::to_deal(v, &meta, false))
        .collect::<Result<Vec<_>>>()?;
    Ok((deals, next))
}

/// An error answer: its status and body, as the HTTP client turns them into an [`Error`].
pub fn error(status: u16, body: &[u8]) -> Error {
    crate::adapter::fuzz_error(crate::model::Vendor::Hubspot, status, body)
}
