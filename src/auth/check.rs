//! One cheap call that proves a token works and says whose it is: each vendor's descriptor names
//! the request and reads the answer. The token travels in the request header only, never in the
//! path (HubSpot's token-info endpoint, which takes it there, is never used).

use crate::error::Result;
use crate::http::{path, HttpClient, Request};
use crate::model::Vendor;

/// The request that checks a token for `vendor`.
pub fn request(vendor: Vendor) -> Request {
    Request::get(path(vendor.spec().whoami.path)).subject(format!("the {vendor} token check"))
}

/// Who the token belongs to, as a short phrase (`Ana Lima <ana@example.com>`, `portal 123`).
pub async fn whoami(http: &HttpClient, vendor: Vendor) -> Result<String> {
    let response = http.send(request(vendor)).await?;
    Ok((vendor.spec().whoami.describe)(&response.body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_never_puts_a_token_in_the_path() {
        for vendor in Vendor::ALL {
            let request = request(vendor);
            assert_eq!(
                request.path,
                format!("/{}", vendor.spec().whoami.path.join("/"))
            );
            assert!(request.query.is_empty(), "{vendor}");
        }
    }
}
