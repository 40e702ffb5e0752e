//! The parsers of Pipedrive's answers, as the fuzz targets (`fuzz/`) call them: bytes in, a result
//! out, on the example metadata. Not an API: nothing else uses it.

use serde_json::Value;

use super::meta::Meta;
use crate::error::{Error, Result};
use crate::model::Deal;

fn json(bytes: &[u8]) -> Result<Value> {
    serde_json::from_slice(bytes).map_err(Error::internal)
}

/// One deal, as `GET /api/v2/deals/{id}` answers it (`{"success", "data"}`).
pub fn deal(bytes: &[u8]) -> Result<Deal> {
    let body = json(bytes)?;
    super::convert::to_deal(
        body.get("data").cloned().unwrap_or(Value::Null),
        &Meta::example(),
        true,
    )
}

/// A page of deals (`data` and `additional_data.next_cursor`), as the list answers it.
pub fn page(bytes: &[u8]) -> Result<(Vec<Deal>, Option<String>)> {
    let body = json(bytes)?;
    let meta = Meta::example();
    let deals = super::wire::data_items(&body)
        .into_iter()
        .map(|d| super::convert::to_deal(d, &meta, false))
        .collect::<Result<Vec<_>>>()?;
    Ok((deals, super::wire::next_cursor(&body)))
}

/// An error answer: its status and body, as the HTTP client turns them into an [`Error`].
pub fn error(status: u16, body: &[u8]) -> Error {
    crate::adapter::fuzz_error(crate::model::Vendor::Pipedrive, status, body)
}
