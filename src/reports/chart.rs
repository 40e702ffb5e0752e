//! Bar charts for a terminal: horizontal bars in Unicode eighth blocks beside a summary's rows,
//! vertical bars (or a sparkline when narrow) under a timeline.
//!
//! Pure text: every function takes the room it may use and whether colour is on, and returns
//! what to print. Values are scaled against the largest one in exact decimals (no `f64`); zero
//! and negative values draw nothing, and a positive value too small for one eighth of a cell
//! still draws the thinnest block, so a bar is there exactly when there is money.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use super::{PerCurrency, Sums};

/// Left-aligned eighth blocks, one eighth of a cell wide to a whole cell.
const HORIZONTAL: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// Bottom-aligned eighth blocks, one eighth of a cell high to a whole cell.
const VERTICAL: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Fewer columns than this for the bars and they are left out: the table alone reads better.
pub const MIN_BAR_COLUMNS: usize = 10;

/// How high a timeline's bars are, in rows.
pub const COLUMN_HEIGHT: usize = 8;

/// The colour bars are drawn in (cyan), and the reset after them.
const BAR_COLOR: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// `text` in the bars' colour when `color` is on; unchanged (no escape at all) when off.
fn paint(text: String, color: bool) -> String {
    if color && !text.trim().is_empty() {
        format!("{BAR_COLOR}{text}{RESET}")
    } else {
        text
    }
}

/// How many eighths of a cell `value` fills when `max` fills `cells` cells, rounded to the
/// nearest eighth; at least one for any positive value.
fn eighths(value: Decimal, max: Decimal, cells: usize) -> usize {
    if value <= Decimal::ZERO || max <= Decimal::ZERO {
        return 0;
    }
    let full = Decimal::from(cells * 8);
    let scaled = (value.min(max) * full / max).round();
    scaled.to_usize().unwrap_or(0).max(1)
}

/// One horizontal bar for `value`, the largest of the chart being `max` and taking `cells`
/// columns: full blocks for whole cells and the partial block for the rest. Empty for zero.
pub fn horizontal_bar(value: Decimal, max: Decimal, cells: usize, color: bool) -> String {
    let n = eighths(value, max, cells);
    let mut bar = "█".repeat(n / 8);
    if let Some(partial) = (n % 8).checked_sub(1) {
        bar.push(HORIZONTAL[partial]);
    }
    paint(bar, color)
}

/// Horizontal bars for `values`, scaled against the largest, the longest `cells` wide.
pub fn horizontal_bars(values: &[Decimal], cells: usize, color: bool) -> Vec<String> {
    let max = values.iter().copied().max().unwrap_or_default();
    values
        .iter()
        .map(|v| horizontal_bar(*v, max, cells, color))
        .collect()
}

/// One character per value, `▁` to `█` by its share of the largest; a space for zero.
pub fn sparkline(values: &[Decimal], color: bool) -> String {
    let max = values.iter().copied().max().unwrap_or_default();
    let line = values
        .iter()
        .map(|v| match eighths(*v, max, 1) {
            0 => ' ',
            n => VERTICAL[n - 1],
        })
        .collect();
    paint(line, color)
}

/// Vertical bars, one per value with its label under it, in `width` columns and `height` rows;
/// `None` when the labelled columns do not fit the width (the caller draws a [`sparkline`]).
///
/// Each value gets a column group as wide as the widest label, one space apart; its bar fills
/// the group, rising from the bottom row in eighths of a row.
pub fn vertical_bars(
    values: &[Decimal],
    labels: &[String],
    width: usize,
    height: usize,
    color: bool,
) -> Option<String> {
    let slot = labels.iter().map(|l| l.width()).max().unwrap_or(0).max(1);
    if values.is_empty() || values.len() * (slot + 1) - 1 > width {
        return None;
    }
    let max = values.iter().copied().max().unwrap_or_default();
    let levels: Vec<usize> = values.iter().map(|v| eighths(*v, max, height)).collect();
    let mut text = String::new();
    for row in (0..height).rev() {
        let cells: Vec<String> = levels
            .iter()
            .map(|level| {
                let here = level.saturating_sub(row * 8).min(8);
                let block = match here {
                    0 => ' ',
                    n => VERTICAL[n - 1],
                };
                paint(block.to_string().repeat(slot), color)
            })
            .collect();
        text.push_str(cells.join(" ").trim_end());
        text.push('\n');
    }
    let axis: Vec<String> = labels.iter().map(|l| format!("{l:<slot$}")).collect();
    text.push_str(axis.join(" ").trim_end());
    text.push('\n');
    Some(text)
}

/// What a chart's bars measure: one currency's totals (never several added together), or the
/// totals the vendor converted into the requested currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub currency: String,
    /// The bars are the converted totals (`--in-currency`).
    pub converted: bool,
    /// The other currencies the buckets have, which the bars leave out.
    pub left_out: Vec<String>,
}

impl Measure {
    /// The converted totals when the report has them, else the currency with the largest total
    /// over all `buckets` (the first by code on a tie); `None` when no bucket has money.
    pub fn choose<'a>(
        buckets: impl IntoIterator<Item = &'a Sums>,
        in_currency: Option<&str>,
    ) -> Option<Measure> {
        let mut totals = PerCurrency::new();
        let mut converted = false;
        for sums in buckets {
            converted |= sums.converted.is_some();
            for (code, money) in &sums.money {
                totals.entry(code.clone()).or_default().merge(money);
            }
        }
        if let (Some(code), true) = (in_currency, converted) {
            return Some(Measure {
                currency: code.to_string(),
                converted: true,
                left_out: Vec::new(),
            });
        }
        let mut largest: Option<(&String, Decimal)> = None;
        for (code, money) in &totals {
            if largest.is_none_or(|(_, most)| money.total > most) {
                largest = Some((code, money.total));
            }
        }
        let currency = largest?.0.clone();
        Some(Measure {
            left_out: totals.keys().filter(|c| **c != currency).cloned().collect(),
            currency,
            converted: false,
        })
    }

    /// The value of one bucket's bar: its total in the measured currency, zero without one.
    pub fn value(&self, sums: &Sums) -> Decimal {
        let money = if self.converted {
            sums.converted.as_ref()
        } else {
            sums.money.get(&self.currency)
        };
        money.map(|m| m.total).unwrap_or_default()
    }

    /// What the bars are: `total in EUR`, `total converted into EUR`, or `total in EUR, the
    /// largest currency` when others are left out.
    pub fn describe(&self) -> String {
        let code = currency_name(&self.currency);
        if self.converted {
            format!("total converted into {code}")
        } else if self.left_out.is_empty() {
            format!("total in {code}")
        } else {
            format!("total in {code}, the largest currency")
        }
    }

    /// Which currencies the bars leave out (`USD, GBP not charted`); `None` when none.
    pub fn left_out_note(&self) -> Option<String> {
        if self.left_out.is_empty() {
            return None;
        }
        let others: Vec<&str> = self.left_out.iter().map(|c| currency_name(c)).collect();
        Some(format!("{} not charted", others.join(", ")))
    }
}

fn currency_name(code: &str) -> &str {
    if code.is_empty() {
        "no currency"
    } else {
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_largest_value_fills_every_cell() {
        assert_eq!(horizontal_bar(d("250"), d("250"), 4, false), "████");
    }

    #[test]
    fn remainders_are_eighth_blocks() {
        // 1/3 of 4 cells = 10.67 eighths → 11: one full cell and three eighths.
        assert_eq!(horizontal_bar(d("1"), d("3"), 4, false), "█▍");
        // 1/2 of 3 cells = 12 eighths: one full cell and a half.
        assert_eq!(horizontal_bar(d("0.5"), d("1"), 3, false), "█▌");
        assert_eq!(horizontal_bar(d("1"), d("8"), 1, false), "▏");
    }

    #[test]
    fn zero_draws_nothing_and_a_tiny_value_something() {
        assert_eq!(horizontal_bar(Decimal::ZERO, d("10"), 20, false), "");
        assert_eq!(horizontal_bar(d("-5"), d("10"), 20, false), "");
        assert_eq!(horizontal_bar(d("0.01"), d("1000000"), 20, false), "▏");
        assert_eq!(
            horizontal_bars(&[Decimal::ZERO, Decimal::ZERO], 20, false),
            ["", ""]
        );
    }

    #[test]
    fn bars_are_scaled_against_the_largest() {
        let bars = horizontal_bars(&[d("100"), d("50"), d("25")], 8, false);
        assert_eq!(bars, ["████████", "████", "██"]);
    }

    #[test]
    fn colour_adds_escapes_only_when_on() {
        let plain = horizontal_bar(d("1"), d("2"), 4, false);
        assert!(!plain.contains('\x1b'));
        let coloured = horizontal_bar(d("1"), d("2"), 4, true);
        assert_eq!(coloured, format!("{BAR_COLOR}██{RESET}"));
        assert_eq!(horizontal_bar(Decimal::ZERO, d("2"), 4, true), "");
        assert!(!sparkline(&[d("1"), d("2")], false).contains('\x1b'));
        assert!(sparkline(&[d("1"), d("2")], true).starts_with(BAR_COLOR));
    }

    #[test]
    fn a_sparkline_has_one_character_per_value() {
        assert_eq!(
            sparkline(&[d("0"), d("1"), d("4"), d("8"), d("0.1")], false),
            " ▁▄█▁"
        );
    }

    #[test]
    fn vertical_bars_rise_in_eighths_under_their_labels() {
        let labels = ["Jan".to_string(), "Feb".into(), "Mar".into()];
        let chart = vertical_bars(&[d("4"), d("1"), d("0")], &labels, 11, 2, false).unwrap();
        // 4 → 16 eighths (two full rows); 1 → 4 eighths (half the bottom row).
        assert_eq!(chart, "███\n███ ▄▄▄\nJan Feb Mar\n");
    }

    #[test]
    fn vertical_bars_give_way_when_the_labels_do_not_fit() {
        let labels = ["Jan".to_string(), "Feb".into(), "Mar".into()];
        assert!(vertical_bars(&[d("1"), d("2"), d("3")], &labels, 10, 4, false).is_none());
        assert!(vertical_bars(&[], &[], 80, 4, false).is_none());
    }

    fn sums(money: &[(&str, &str)]) -> Sums {
        let mut sums = Sums::new(false);
        for (code, total) in money {
            sums.money.insert(
                code.to_string(),
                crate::reports::Money::counted(1, d(total), Decimal::ZERO),
            );
        }
        sums
    }

    #[test]
    fn bars_measure_the_currency_with_the_largest_total() {
        let buckets = [
            sums(&[("EUR", "100"), ("USD", "60")]),
            sums(&[("USD", "60"), ("GBP", "1")]),
        ];
        let measure = Measure::choose(&buckets, None).unwrap();
        assert_eq!(measure.currency, "USD");
        assert_eq!(measure.left_out, ["EUR", "GBP"]);
        assert_eq!(measure.value(&buckets[0]), d("60"));
        assert_eq!(measure.describe(), "total in USD, the largest currency");
        assert_eq!(
            measure.left_out_note().as_deref(),
            Some("EUR, GBP not charted")
        );
        assert_eq!(Measure::choose(&[sums(&[])], None), None);
        let tie = Measure::choose([&sums(&[("USD", "5"), ("EUR", "5")])], None).unwrap();
        assert_eq!(tie.currency, "EUR", "a tie goes to the first code");
        let unconverted = Measure::choose(&buckets, Some("EUR")).unwrap();
        assert!(
            !unconverted.converted,
            "no converted totals: the largest currency"
        );
    }

    #[test]
    fn converted_totals_are_measured_when_the_vendor_gave_them() {
        let mut bucket = sums(&[("EUR", "100"), ("USD", "60")]);
        bucket.converted = Some(crate::reports::Money::counted(2, d("155.5"), Decimal::ZERO));
        let measure = Measure::choose([&bucket], Some("EUR")).unwrap();
        assert!(measure.converted);
        assert_eq!(measure.value(&bucket), d("155.5"));
        assert_eq!(measure.describe(), "total converted into EUR");
        assert_eq!(measure.left_out_note(), None);
    }
}
