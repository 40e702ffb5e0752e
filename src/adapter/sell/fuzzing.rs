//! The parsers of Zendesk Sell's answers, as the fuzz targets (`fuzz/`) call them: bytes in, a
//! result out, on the example metadata. Not an API: nothing else uses it.

use serde_json::Value;

use super::meta::Meta;
use crate::error::{Error, Result};
use crate::model::Deal;

fn json(bytes: &[u8]) -> Result<Value> {
    serde_json::from_slice(bytes).map_err(Error::internal)
}

/// One deal in Sell's envelope (`{"data": {…}, "meta": {…}}`), as `GET /v2/deals/{id}` answers.
pub fn deal(bytes: &[u8]) -> Result<Deal> {
    let data = super::wire::data_of(json(bytes)?, "a deal")?;
    super::convert::to_deal(data, &Meta::example(), true)
}

/// A page of deals (`items[].data`), as `GET /v2/deals` answers it, and how many items it held.
pub fn page(bytes: &[u8]) -> Result<(Vec<Deal>, usize)> {
    let body = json(bytes)?;
    let meta = Meta::example();
    let items = super::wire::items_of(&body);
    let count = items.len();
    let deals = items
        .into_iter()
        .map(|d| super::convert::to_deal(d, &meta, false))
        .collect::<Result<Vec<_>>>()?;
    Ok((deals, count))
}

/// An error answer: its status and body, as the HTTP client turns them into an [`Error`].
pub fn error(status: u16, body: &[u8]) -> Error {
    crate::adapter::fuzz_error(crate::model::Vendor::Sell, status, body)
}
