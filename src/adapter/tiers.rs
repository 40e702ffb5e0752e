//! Rate-limit tiers: the plan names a profile's `rate_limit_tier` may take, and the window each
//! one gives the limiter until the vendor's own rate-limit headers announce the real one. Each
//! vendor lists its tiers, with their sources, in its `spec.rs`.

use std::time::Duration;

use crate::error::{Error, Result};
use crate::http::Limiter;
use crate::model::Vendor;

/// One tier: its name, the limiter bucket it sizes, and the budget of that bucket's window.
pub struct Tier {
    pub name: &'static str,
    pub bucket: &'static str,
    pub capacity: u32,
    pub window: Duration,
}

/// The tier names `vendor` accepts, in the order the vendor lists its plans.
pub fn names(vendor: Vendor) -> Vec<&'static str> {
    vendor.spec().tiers.tiers.iter().map(|t| t.name).collect()
}

fn find(vendor: Vendor, name: &str) -> Result<&'static Tier> {
    let wanted = name.trim();
    let tiers = &vendor.spec().tiers;
    if let Some(tier) = tiers
        .tiers
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(wanted))
    {
        return Ok(tier);
    }
    if let Some(why) = tiers.untiered {
        return Err(Error::usage_hint(
            format!("{vendor} has no rate-limit tiers (got {wanted:?})"),
            format!("{why}: leave out --rate-limit-tier"),
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

/// Sizes the limiter for the tier, as the tier gives `token` its budget.
pub fn apply(vendor: Vendor, name: &str, token: &str, limiter: &Limiter) -> Result<()> {
    let tier = find(vendor, name)?;
    let capacity = tier.capacity * (vendor.spec().tiers.token_factor)(token);
    limiter.configure(tier.bucket, capacity, tier.window);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const API_TOKEN: &str = "0123456789abcdef0123456789abcdef01234567";

    #[test]
    fn tiers_size_the_vendors_window_and_pipedrive_oauth_tokens_get_four_times() {
        let rows = [
            (
                Vendor::Hubspot,
                "Professional",
                API_TOKEN,
                "default",
                190,
                10,
            ),
            (Vendor::Hubspot, "starter", API_TOKEN, "default", 100, 10),
            (Vendor::Pipedrive, "growth", API_TOKEN, "burst", 40, 2),
            (
                Vendor::Pipedrive,
                "growth",
                "an-oauth-token",
                "burst",
                160,
                2,
            ),
        ];
        for (vendor, tier, token, bucket, capacity, seconds) in rows {
            let limiter = Limiter::new();
            apply(vendor, tier, token, &limiter).unwrap();
            let window = Duration::from_secs(seconds);
            assert_eq!(
                limiter.capacity(bucket),
                Some((capacity, window)),
                "{vendor} {tier}"
            );
        }
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
