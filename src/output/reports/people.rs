//! The reports for people: tables with their charts, fitted to the terminal's width.

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use super::grid::{finish_lines, fit, grid, table_width, Column, GAP};
use crate::model::{decimal_text, time_text};
use crate::output::table::{self, cut};
use crate::reports::chart::{self, Measure, COLUMN_HEIGHT, MIN_BAR_COLUMNS};
use crate::reports::{Change, Interval, Money, Period, Summary, SummaryGroup, Sums, Timeline};

/// The cells of one bucket's money, one line per currency (one blank line without any), and the
/// line its bar goes on: the measured currency's, or the first for converted totals.
struct MoneyLines {
    currency: Vec<String>,
    total: Vec<String>,
    weighted: Vec<String>,
    average: Vec<String>,
    bar_at: Option<usize>,
}

fn money_lines(sums: &Sums, measure: Option<&Measure>) -> MoneyLines {
    let mut lines = MoneyLines {
        currency: Vec::new(),
        total: Vec::new(),
        weighted: Vec::new(),
        average: Vec::new(),
        bar_at: None,
    };
    for (code, money) in &sums.money {
        if measure.is_some_and(|m| !m.converted && m.currency == *code) {
            lines.bar_at = Some(lines.currency.len());
        }
        lines.currency.push(currency_cell(code));
        lines.total.push(decimal_text(money.total));
        lines.weighted.push(decimal_text(money.weighted));
        lines
            .average
            .push(money.average().map(decimal_text).unwrap_or_default());
    }
    if lines.currency.is_empty() {
        for cells in [
            &mut lines.currency,
            &mut lines.total,
            &mut lines.weighted,
            &mut lines.average,
        ] {
            cells.push(String::new());
        }
    }
    if measure.is_some_and(|m| m.converted) {
        lines.bar_at = Some(0);
    }
    lines
}

/// The figures of a bucket that stand once on its first line, blank on the others.
fn first_line(value: String, lines: usize) -> impl Iterator<Item = String> {
    std::iter::once(value).chain(std::iter::repeat_n(String::new(), lines - 1))
}

fn converted_cells(
    money: Option<&Money>,
    lines: usize,
    pick: fn(&Money) -> Decimal,
) -> Vec<String> {
    first_line(
        money.map(|m| decimal_text(pick(m))).unwrap_or_default(),
        lines,
    )
    .collect()
}

/// The table of buckets (groups or periods) shared by summaries and timelines: their own leading
/// columns, then the money columns; plus, for each line, the value of its bar if it has one.
struct BucketTable {
    columns: Vec<Column>,
    bars: Vec<Option<Decimal>>,
}

fn bucket_table<'a>(
    buckets: impl IntoIterator<Item = (Vec<String>, &'a Sums)>,
    leading: Vec<Column>,
    in_currency: Option<&str>,
    measure: Option<&Measure>,
) -> BucketTable {
    let mut columns = leading;
    let lead = columns.len();
    let mut money = [
        Column::figures("currency", Vec::new()),
        Column::figures("total", Vec::new()),
        Column::figures("weighted", Vec::new()),
        Column::figures("average", Vec::new()),
        Column::figures("no amount", Vec::new()),
    ];
    money[0].right = false;
    // Left out first on a narrow terminal: the converted weighted total, the average, the count
    // without amount; then (a timeline's) open/won counts and end day; the weighted total last.
    money[2].drop = Some(5);
    money[3].drop = Some(1);
    money[4].drop = Some(2);
    let code = in_currency.unwrap_or_default();
    let mut converted = [
        Column::figures(&format!("total in {code}"), Vec::new()),
        Column::figures(&format!("weighted in {code}"), Vec::new()),
    ];
    converted[1].drop = Some(0);
    let mut bars = Vec::new();
    let mut any_without = false;
    let mut any_converted = false;
    for (cells, sums) in buckets {
        let lines = money_lines(sums, measure);
        let n = lines.currency.len();
        for (column, cell) in columns.iter_mut().zip(cells) {
            column.cells.extend(first_line(cell, n));
        }
        for (column, cells) in
            money
                .iter_mut()
                .zip([lines.currency, lines.total, lines.weighted, lines.average])
        {
            column.cells.extend(cells);
        }
        let without = (sums.without_amount > 0).then(|| sums.without_amount.to_string());
        any_without |= without.is_some();
        money[4]
            .cells
            .extend(first_line(without.unwrap_or_default(), n));
        any_converted |= sums.converted.is_some();
        converted[0]
            .cells
            .extend(converted_cells(sums.converted.as_ref(), n, |m| m.total));
        converted[1]
            .cells
            .extend(converted_cells(sums.converted.as_ref(), n, |m| m.weighted));
        bars.extend((0..n).map(|i| {
            let value = measure.map(|m| m.value(sums))?;
            (lines.bar_at == Some(i)).then_some(value)
        }));
    }
    let [currency, total, weighted, average, without] = money;
    columns.extend([currency, total, weighted, average]);
    if any_without {
        columns.push(without);
    }
    if any_converted {
        columns.extend(converted);
    }
    debug_assert!(columns[lead..].iter().all(|c| c.cells.len() == bars.len()));
    BucketTable { columns, bars }
}

fn group_row(g: &SummaryGroup) -> (Vec<String>, &Sums) {
    (vec![g.key.label.clone(), g.count.to_string()], &g.sums)
}

/// A summary for people: one line per group and currency, the total row under a rule, and
/// horizontal bars beside the groups (the total row has none) in the columns the table leaves of
/// `width`; with fewer than [`MIN_BAR_COLUMNS`] left, the table alone.
pub fn summary_table(summary: &Summary, width: usize, color: bool) -> String {
    let measure = Measure::choose(
        summary.groups.iter().map(|g| &g.sums),
        summary.in_currency.as_deref(),
    );
    let label = Column {
        head: summary.by.heading().replace('_', " "),
        cells: Vec::new(),
        right: false,
        cut_to: Some(10),
        drop: None,
    };
    let deals = Column::figures("deals", Vec::new());
    let group_lines: usize = summary
        .groups
        .iter()
        .map(|g| g.sums.money.len().max(1))
        .sum();
    let BucketTable { columns, mut bars } = bucket_table(
        summary.groups.iter().chain([&summary.total]).map(group_row),
        vec![label, deals],
        summary.in_currency.as_deref(),
        measure.as_ref(),
    );
    // The total row is no bar: it would dwarf every group.
    bars.truncate(group_lines);
    let rule = (!summary.groups.is_empty()).then_some(group_lines);
    let with_bars = charted(columns.clone(), width, measure.as_ref(), &bars);
    let (lines, bar_cells) = match with_bars {
        Some((lines, cells)) => (lines, Some(cells)),
        None => {
            let mut columns = columns;
            let widths = fit(&mut columns, width, true)
                .unwrap_or_else(|| columns.iter().map(Column::least).collect());
            (grid(&columns, &widths, rule), None)
        }
    };
    let (Some(measure), Some(cells)) = (measure.as_ref(), bar_cells) else {
        return finish_lines(lines);
    };
    let values: Vec<Decimal> = bars.iter().map(|b| b.unwrap_or_default()).collect();
    let drawn = chart::horizontal_bars(&values, cells, color);
    let mut text = chart_title(measure, format!("bars: {}", measure.describe()), width);
    for (i, line) in lines.into_iter().enumerate() {
        // Line 0 is the header; the rule and total row come after every bar.
        let bar = i
            .checked_sub(1)
            .filter(|r| bars.get(*r).is_some_and(Option::is_some))
            .map(|r| drawn[r].as_str())
            .unwrap_or_default();
        text.push_str(format!("{line}{}{bar}", " ".repeat(GAP)).trim_end());
        text.push('\n');
    }
    text
}

/// The table's lines and the columns left for bars, when the table — labels whole, the columns
/// that may be left out left out — fits `width` with at least [`MIN_BAR_COLUMNS`] to spare and
/// there is something to draw.
fn charted(
    mut columns: Vec<Column>,
    width: usize,
    measure: Option<&Measure>,
    bars: &[Option<Decimal>],
) -> Option<(Vec<String>, usize)> {
    measure?;
    if !bars.iter().flatten().any(|v| *v > Decimal::ZERO) {
        return None;
    }
    for column in &mut columns {
        column.cut_to = None;
    }
    let widths = fit(
        &mut columns,
        width.checked_sub(MIN_BAR_COLUMNS + GAP)?,
        true,
    )?;
    let cells = width - table_width(&widths) - GAP;
    let rule = bars.len();
    Some((grid(&columns, &widths, Some(rule)), cells))
}

/// A chart's title, cut to `width`: what the bars measure and the currencies they leave out, on
/// one line, or on two when one is too narrow.
fn chart_title(measure: &Measure, what: String, width: usize) -> String {
    let Some(note) = measure.left_out_note() else {
        return format!("{}\n", cut(&what, width));
    };
    let one_line = format!("{what} · {note}");
    if one_line.width() <= width {
        format!("{one_line}\n")
    } else {
        format!("{}\n{}\n", cut(&what, width), cut(&note, width))
    }
}

/// A timeline for people: one line per period and currency, then a chart of the measured totals:
/// vertical bars [`COLUMN_HEIGHT`] rows high, each period's label under its bar, or a one-line
/// sparkline when the labelled bars do not fit `width` (nothing when even that does not).
pub fn timeline_table(timeline: &Timeline, width: usize, color: bool) -> String {
    let measure = Measure::choose(
        timeline.periods.iter().map(|p| &p.sums),
        timeline.in_currency.as_deref(),
    );
    let mut end = Column::figures("end", Vec::new());
    end.right = false;
    end.drop = Some(4);
    let mut start = Column::figures("start", Vec::new());
    start.right = false;
    let mut open = Column::figures("open", Vec::new());
    open.drop = Some(3);
    let mut won = Column::figures("won", Vec::new());
    won.drop = Some(3);
    let BucketTable { mut columns, .. } = bucket_table(
        timeline.periods.iter().map(period_row),
        vec![start, end, Column::figures("deals", Vec::new()), open, won],
        timeline.in_currency.as_deref(),
        measure.as_ref(),
    );
    let widths = fit(&mut columns, width, true)
        .unwrap_or_else(|| columns.iter().map(Column::least).collect());
    let mut text = finish_lines(grid(&columns, &widths, None));
    let Some(measure) = measure else {
        return text;
    };
    let values: Vec<Decimal> = timeline
        .periods
        .iter()
        .map(|p| measure.value(&p.sums))
        .collect();
    if !values.iter().any(|v| *v > Decimal::ZERO) {
        return text;
    }
    let labels = period_labels(timeline);
    let chart = chart::vertical_bars(&values, &labels, width, COLUMN_HEIGHT, color).or_else(|| {
        (values.len() <= width).then(|| format!("{}\n", chart::sparkline(&values, color)))
    });
    if let Some(chart) = chart {
        text.push('\n');
        let what = format!("{} {}", adjective(timeline.interval), measure.describe());
        text.push_str(&chart_title(&measure, what, width));
        text.push_str(&chart);
    }
    text
}

fn period_row(p: &Period) -> (Vec<String>, &Sums) {
    let cells = vec![
        p.start.to_string(),
        p.end.to_string(),
        p.count.to_string(),
        p.open_count.to_string(),
        p.won_count.to_string(),
    ];
    (cells, &p.sums)
}

/// `monthly` (total in EUR): the chart's title says what each bar is.
fn adjective(interval: Interval) -> &'static str {
    match interval {
        Interval::Day => "daily",
        Interval::Week => "weekly",
        Interval::Month => "monthly",
        Interval::Quarter => "quarterly",
    }
}

/// Short labels under a timeline's bars: `Jan` or `Q1` for calendar months and quarters
/// (`2026-01`, `2026 Q1` when the timeline spans years), else the start day (`01-31`, or
/// `2026-01-31` across years).
fn period_labels(timeline: &Timeline) -> Vec<String> {
    use chrono::Datelike;
    let years = |p: &Period| p.start.year();
    let one_year = timeline
        .periods
        .windows(2)
        .all(|w| years(&w[0]) == years(&w[1]));
    timeline
        .periods
        .iter()
        .map(|p| {
            let (start, calendar) = (p.start, p.start.day() == 1);
            match timeline.interval {
                Interval::Month if calendar && one_year => start.format("%b").to_string(),
                Interval::Month if calendar => start.format("%Y-%m").to_string(),
                Interval::Quarter if calendar && start.month() % 3 == 1 => {
                    let quarter = format!("Q{}", start.month() / 3 + 1);
                    if one_year {
                        quarter
                    } else {
                        format!("{} {quarter}", start.year())
                    }
                }
                _ if one_year => start.format("%m-%d").to_string(),
                _ => start.to_string(),
            }
        })
        .collect()
}

/// A deal's changes for people: time | field | old → new | by.
pub fn history_table(changes: &[Change], width: Option<u16>) -> String {
    let rows = changes
        .iter()
        .map(|c| {
            let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
            vec![
                time_text(c.time),
                c.field.clone(),
                format!("{} → {}", value(&c.old), value(&c.new)),
                c.by.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table::plain(&["time", "field", "old → new", "by"], rows, width)
}

/// A currency code as people read it in a table.
fn currency_cell(code: &str) -> String {
    if code.is_empty() {
        "(none)".into()
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{changes, converted_summary, summary, timeline};
    use super::*;

    fn assert_fits(text: &str, width: usize) {
        for line in text.lines() {
            assert!(
                line.width() <= width,
                "{line:?} is wider than {width}:\n{text}"
            );
        }
    }

    #[test]
    fn summary_tables_fit_40_80_and_200_columns() {
        for width in [40, 80, 200] {
            let text = summary_table(&summary(), width, false);
            assert!(!text.contains('\x1b'), "no colour asked:\n{text}");
            assert_fits(&text, width);
            insta::assert_snapshot!(format!("summary-{width}"), text);
        }
        let wide = summary_table(&summary(), 80, false);
        assert_fits(&wide, 80);
        assert!(wide.contains('█'), "{wide}");
        assert!(
            wide.starts_with("bars: total in EUR, the largest currency · USD not charted\n"),
            "{wide}"
        );
        let narrow = summary_table(&summary(), 40, false);
        assert!(
            !narrow.contains('█'),
            "no room for bars at 40 columns:\n{narrow}"
        );
        assert!(
            narrow.contains("15000.5"),
            "the table still shows:\n{narrow}"
        );
    }

    #[test]
    fn timeline_charts_at_40_80_and_200_columns() {
        for width in [40, 80, 200] {
            let text = timeline_table(&timeline(), width, false);
            assert!(!text.contains('\x1b'), "no colour asked:\n{text}");
            assert_fits(&text, width);
            insta::assert_snapshot!(format!("timeline-{width}"), text);
        }
    }

    #[test]
    fn timeline_bars_give_way_to_a_sparkline_when_narrow() {
        let labels = period_labels(&timeline());
        assert_eq!(labels[0], "Jan");
        assert_eq!(labels.len(), 12);
        let wide = timeline_table(&timeline(), 200, false);
        assert!(wide.contains("Jan Feb Mar"), "{wide}");
        let narrow = timeline_table(&timeline(), 40, false);
        assert!(!narrow.contains("Jan Feb"), "{narrow}");
        let spark = narrow.lines().last().unwrap();
        assert_eq!(
            spark.chars().count(),
            12,
            "one character a month: {spark:?}"
        );
    }

    #[test]
    fn colour_puts_escapes_around_the_bars_only() {
        let summary_text = summary_table(&summary(), 80, true);
        let timeline_text = timeline_table(&timeline(), 200, true);
        insta::assert_snapshot!("summary-80-color", summary_text);
        for text in [&summary_text, &timeline_text] {
            assert!(text.contains("\x1b[36m█"), "{text}");
            for line in text.lines().filter(|l| l.contains('\x1b')) {
                assert!(line.ends_with("\x1b[0m"), "{line:?}");
            }
        }
        assert!(summary_text
            .lines()
            .nth(1)
            .is_some_and(|h| !h.contains('\x1b')));
    }

    #[test]
    fn history_tables_show_old_and_new_values() {
        let table = history_table(&changes(), Some(120));
        assert!(
            table.contains("Qualified to buy → Contract sent"),
            "{table}"
        );
        assert!(table.contains("(none) → 1500.5"), "{table}");
    }

    #[test]
    fn converted_totals_are_charted_when_the_vendor_gave_them() {
        let table = summary_table(&converted_summary(), 120, false);
        assert!(
            table.starts_with("bars: total converted into EUR\n"),
            "{table}"
        );
        assert!(table.contains("total in EUR"), "{table}");
        assert!(table.contains("600.3"), "{table}");
    }

    #[test]
    fn no_money_no_bars_and_an_empty_summary_is_its_total_row() {
        use crate::reports::{GroupBy, Source, SourceChoice, SummaryBuilder, SummaryRequest};
        let request = SummaryRequest {
            by: GroupBy::Owner,
            in_currency: None,
            source: SourceChoice::List,
        };
        let empty = SummaryBuilder::new(&request).finish(Source::List);
        assert_eq!(
            summary_table(&empty, 80, true),
            "owner  deals  currency  total  weighted  average\ntotal      0\n"
        );
        let mut zero = summary();
        for group in zero.groups.iter_mut() {
            for money in group.sums.money.values_mut() {
                money.total = Decimal::ZERO;
            }
        }
        let text = summary_table(&zero, 200, true);
        assert!(!text.contains("bars:") && !text.contains('▏'), "{text}");
    }

    #[test]
    fn a_timeline_without_money_has_no_chart() {
        let mut quiet = timeline();
        for period in quiet.periods.iter_mut() {
            for money in period.sums.money.values_mut() {
                money.total = Decimal::ZERO;
            }
        }
        let text = timeline_table(&quiet, 200, false);
        assert!(!text.contains("monthly") && !text.contains('▁'), "{text}");
        assert_eq!(
            text.lines().count(),
            13,
            "the header and 12 periods:\n{text}"
        );
    }
}
