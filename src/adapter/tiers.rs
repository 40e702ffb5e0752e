//! Rate-limit tiers: the plan names a profile's `rate_limit_tier` may take, and the window each
//! one gives the limiter until the vendor's own rate-limit headers announce the real one.
//!
//! Numbers from the vendors' rate-limit pages (the seeds do not carry them):
//! - HubSpot private apps: 100 requests / 10 s on Free and Starter, 190 on Professional and
//!   Enterprise, 250 with the API Limit Increase capacity pack.
//! - Pipedrive, requests per token and rolling 2-second window (its token costs count against
//!   the daily budget only): Essential 20, Advanced 40, Professional 80, Power 100, Enterprise
//!   120 for API tokens, four times that for OAuth tokens
//!   (https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting). The 2024 plan names
//!   take their predecessors' budgets: Lite = Essential, Growth = Advanced, Premium =
//!   Professional, Ultimate = Enterprise.
//! - Zendesk Sell: 10 requests a second per token on every plan, so it has no tiers.

use std::time::Duration;

use crate::error::{Error, Result};
use crate::http::Limiter;
use crate::model::Vendor;

/// One tier: its name, the limiter bucket it sizes, and the budget of that bucket's window.
struct Tier {
    name: &'static str,
    bucket: &'static str,
    capacity: u32,
    window: Duration,
}

const fn hubspot(name: &'static str, capacity: u32) -> Tier {
    Tier {
        name,
        bucket: "default",
        capacity,
        window: Duration::from_secs(10),
    }
}

/// `capacity` is the API-token budget in requests; OAuth tokens get four times as much.
const fn pipedrive(name: &'static str, capacity: u32) -> Tier {
    Tier {
        name,
        bucket: "burst",
        capacity,
        window: Duration::from_secs(2),
    }
}

const HUBSPOT: &[Tier] = &[
    hubspot("free", 100),
    hubspot("starter", 100),
    hubspot("professional", 190),
    hubspot("enterprise", 190),
    hubspot("api-limit-increase", 250),
];

const PIPEDRIVE: &[Tier] = &[
    pipedrive("lite", 20),
    pipedrive("growth", 40),
    pipedrive("premium", 80),
    pipedrive("ultimate", 120),
    pipedrive("essential", 20),
    pipedrive("advanced", 40),
    pipedrive("professional", 80),
    pipedrive("power", 100),
    pipedrive("enterprise", 120),
];

const OAUTH_FACTOR: u32 = 4;

fn tiers(vendor: Vendor) -> &'static [Tier] {
    match vendor {
        Vendor::Hubspot => HUBSPOT,
        Vendor::Pipedrive => PIPEDRIVE,
        Vendor::Sell => &[],
    }
}

/// The tier names `vendor` accepts, in the order the vendor lists its plans.
pub fn names(vendor: Vendor) -> Vec<&'static str> {
    tiers(vendor).iter().map(|t| t.name).collect()
}

fn find(vendor: Vendor, name: &str) -> Result<&'static Tier> {
    let wanted = name.trim();
    if let Some(tier) = tiers(vendor)
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(wanted))
    {
        return Ok(tier);
    }
    if vendor == Vendor::Sell {
        return Err(Error::usage_hint(
            format!("Zendesk Sell has no rate-limit tiers (got {wanted:?})"),
            "its limit is the same on every plan (10 requests a second per token): \
             leave out --rate-limit-tier",
        ));
    }
    Err(Error::usage_hint(
        format!("unknown {vendor} rate-limit tier {wanted:?}"),
        format!("the {vendor} tiers are: {}", names(vendor).join(", ")),
    ))
}

/// Checks a tier name for `vendor` (exit 2 listing the valid names).
pub fn check(vendor: Vendor, name: &str) -> Result<&'static str> {
    find(vendor, name).map(|t| t.name)
}

/// Sizes the limiter for the tier. `api_token`: a Pipedrive API token rather than an OAuth one.
pub fn apply(vendor: Vendor, name: &str, api_token: bool, limiter: &Limiter) -> Result<()> {
    let tier = find(vendor, name)?;
    let capacity = if vendor == Vendor::Pipedrive && !api_token {
        tier.capacity * OAUTH_FACTOR
    } else {
        tier.capacity
    };
    limiter.configure(tier.bucket, capacity, tier.window);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hubspot_tiers_size_the_ten_second_window() {
        let limiter = Limiter::new();
        apply(Vendor::Hubspot, "Professional", true, &limiter).unwrap();
        assert_eq!(
            limiter.capacity("default"),
            Some((190, Duration::from_secs(10)))
        );
        apply(Vendor::Hubspot, "starter", true, &limiter).unwrap();
        assert_eq!(limiter.capacity("default").unwrap().0, 100);
    }

    #[test]
    fn pipedrive_tiers_size_the_burst_window_by_token_kind() {
        let limiter = Limiter::new();
        apply(Vendor::Pipedrive, "growth", true, &limiter).unwrap();
        assert_eq!(
            limiter.capacity("burst"),
            Some((40, Duration::from_secs(2)))
        );
        apply(Vendor::Pipedrive, "growth", false, &limiter).unwrap();
        assert_eq!(limiter.capacity("burst").unwrap().0, 160);
    }

    #[test]
    fn unknown_tiers_and_any_sell_tier_are_usage_errors_naming_the_valid_ones() {
        let e = check(Vendor::Hubspot, "gold").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.hint().unwrap().contains("professional, enterprise"),
            "{e}"
        );
        let e = check(Vendor::Pipedrive, "platinum").unwrap_err();
        assert!(e.hint().unwrap().contains("lite, growth, premium"), "{e}");
        let e = check(Vendor::Sell, "enterprise").unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.hint().unwrap().contains("every plan"), "{e}");
        assert_eq!(check(Vendor::Pipedrive, " Premium ").unwrap(), "premium");
    }
}
