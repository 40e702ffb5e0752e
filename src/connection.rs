//! Which CRM account a command talks to: vendor, base URL and token.
//!
//! For now from the environment only (`CRM_VENDOR`, `CRM_TOKEN`, `CRM_BASE_URL`), which is also the
//! route for cron jobs; profiles and the keyring build on this.

use url::Url;

use crate::env::EnvVars;
use crate::error::{Error, Result};
use crate::model::Vendor;
use crate::secret::Secret;
use crate::vendor::default_base_url;

/// Where the token in use came from, as `auth status` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    Environment,
    Keyring,
    PlaintextFile,
}

#[derive(Debug, Clone)]
pub struct Connection {
    pub vendor: Vendor,
    pub base_url: Url,
    pub token: Secret,
    /// The profile name, or `env` when everything came from the environment.
    pub profile: String,
    pub token_source: TokenSource,
}

pub fn parse_base_url(text: &str) -> Result<Url> {
    Url::parse(text.trim()).map_err(|e| {
        Error::usage_hint(
            format!("base URL {text:?} is not a URL: {e}"),
            "write it in full, e.g. https://yourcompany.pipedrive.com",
        )
    })
}

/// Reads the connection from `CRM_VENDOR`, `CRM_TOKEN` and `CRM_BASE_URL`.
pub fn from_env(env: &EnvVars) -> Result<Connection> {
    let token = env.get("CRM_TOKEN").filter(|t| !t.trim().is_empty());
    let vendor = env.get("CRM_VENDOR").filter(|v| !v.trim().is_empty());
    let Some(token) = token else {
        return Err(Error::auth(
            "no credentials: no token was given",
            "set CRM_TOKEN (and CRM_VENDOR: hubspot, pipedrive or sell) in the environment",
        ));
    };
    let Some(vendor) = vendor else {
        return Err(Error::usage_hint(
            "CRM_TOKEN is set but CRM_VENDOR is not: which CRM is the token for?",
            "set CRM_VENDOR to hubspot, pipedrive or sell",
        ));
    };
    let vendor: Vendor = vendor.parse()?;
    let base_url = match env.get("CRM_BASE_URL").filter(|u| !u.trim().is_empty()) {
        Some(url) => parse_base_url(url)?,
        None => Url::parse(default_base_url(vendor)).expect("default URLs parse"),
    };
    Ok(Connection {
        vendor,
        base_url,
        token: Secret::new(token.trim()),
        profile: "env".into(),
        token_source: TokenSource::Environment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> EnvVars {
        EnvVars::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    #[test]
    fn environment_selects_vendor_token_and_url() {
        let c = from_env(&env(&[("CRM_TOKEN", "t0k"), ("CRM_VENDOR", "hubspot")])).unwrap();
        assert_eq!(c.vendor, Vendor::Hubspot);
        assert_eq!(c.base_url.as_str(), "https://api.hubapi.com/");
        let c = from_env(&env(&[
            ("CRM_TOKEN", "t"),
            ("CRM_VENDOR", "pipedrive"),
            ("CRM_BASE_URL", "https://acme.pipedrive.com"),
        ]))
        .unwrap();
        assert_eq!(c.base_url.host_str(), Some("acme.pipedrive.com"));
    }

    #[test]
    fn missing_token_is_an_auth_error_naming_crm_token() {
        let e = from_env(&env(&[("CRM_VENDOR", "hubspot")])).unwrap_err();
        assert_eq!(e.exit_code(), 4);
        assert!(e.hint().unwrap().contains("CRM_TOKEN"));
        let e = from_env(&env(&[("CRM_TOKEN", "x")])).unwrap_err();
        assert_eq!(e.exit_code(), 2);
    }
}
