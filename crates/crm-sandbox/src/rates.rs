//! The sandbox's own exchange rates, for the converted figures the vendors compute: Pipedrive's
//! `value_converted` and `totals_converted` (into the company's default currency, `users/me`
//! `default_currency: "USD"`), HubSpot's `amount_in_home_currency` (into the portal's
//! `companyCurrency: "USD"`). Neither vendor documents its rates (they follow the market); these
//! are fixed so that a test can state the expected figure. They are not the market's.

use rust_decimal::{Decimal, RoundingStrategy};

/// The company (Pipedrive) and portal (HubSpot) currency of the sandbox.
pub(crate) const HOME: &str = "USD";

/// One unit of each known currency in US dollars.
const IN_USD: [(&str, Decimal); 3] = [
    ("USD", Decimal::ONE),
    ("EUR", Decimal::from_parts(111, 0, 0, false, 2)),
    ("GBP", Decimal::from_parts(127, 0, 0, false, 2)),
];

/// One unit of `currency` in US dollars; `None` for a currency the sandbox has no rate for.
fn in_usd(currency: &str) -> Option<Decimal> {
    IN_USD
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(currency))
        .map(|(_, rate)| *rate)
}

/// Whether the sandbox can convert from and into `currency`.
pub(crate) fn known(currency: &str) -> bool {
    in_usd(currency).is_some()
}

/// `amount` in `from` converted into `to`: exact into US dollars (a rate has two decimals);
/// into another currency rounded to the cent (half away from zero), as a price is.
/// `None` when either currency has no rate.
pub(crate) fn convert(amount: Decimal, from: &str, to: &str) -> Option<Decimal> {
    if from.eq_ignore_ascii_case(to) {
        return Some(amount);
    }
    let usd = amount * in_usd(from)?;
    let target = in_usd(to)?;
    if target == Decimal::ONE {
        return Some(usd);
    }
    Some((usd / target).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn converts_exactly_into_dollars_and_to_the_cent_otherwise() {
        assert_eq!(convert(d("10"), "EUR", "USD"), Some(d("11.10")));
        assert_eq!(convert(d("0.10"), "GBP", "USD"), Some(d("0.127")));
        assert_eq!(convert(d("3"), "USD", "USD"), Some(d("3")));
        // 10 EUR = 11.10 USD = 8.7401… GBP.
        assert_eq!(convert(d("10"), "EUR", "GBP"), Some(d("8.74")));
        assert_eq!(convert(d("10"), "XYZ", "USD"), None);
        assert_eq!(convert(d("10"), "USD", "XYZ"), None);
        assert_eq!(convert(d("10"), "XYZ", "XYZ"), Some(d("10")));
    }
}
