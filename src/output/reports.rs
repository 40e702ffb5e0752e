//! Pipeline reports — a [`Summary`], a [`Timeline`], a deal's [`Change`]s — in each output format.
//!
//! People get a table with a chart: horizontal bars beside a summary's rows, vertical bars (or a
//! sparkline) under a timeline, fitted to the terminal's width. Scripts get the numbers only, with
//! money as exact decimal strings:
//!
//! - **json**: one document, the report as its serde derives give it (see [`write_summary`],
//!   [`write_timeline`], [`write_history`]); it goes through `--jq` like every JSON document.
//! - **ndjson**: one line per group, period or change.
//! - **csv**: one row per bucket × currency, every row counting its own deals (see [`summary_csv`]).
//!
//! The tables are drawn here, borderless, rather than with the deal tables' frames: a bar beside
//! a row reads as part of it only when no border stands between them.

use rust_decimal::Decimal;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use super::table::{self, cut};
use super::{csv_line, Format};
use crate::error::{Error, Result};
use crate::model::{decimal_text, time_text};
use crate::reports::chart::{self, Measure, COLUMN_HEIGHT, MIN_BAR_COLUMNS};
use crate::reports::{Change, Interval, Money, Period, Summary, SummaryGroup, Sums, Timeline};
use crate::streams::Streams;

/// The width a table is laid out for when stdout has none (a file, a pipe with `-o table`).
pub const DEFAULT_WIDTH: usize = 80;

/// Writes a summary.
///
/// - json: `{"by": "stage", "groups": [GROUP…], "total": GROUP, "in_currency"?: "EUR",
///   "source": "vendor"|"list"}`, where a GROUP is `{"key": {"id": "7"|null, "label": "Won"},
///   "count": 3, "without_amount": 1, "money": {"EUR": MONEY…}, "converted"?: MONEY}` and a MONEY
///   `{"count": 2, "total": "0.3", "weighted": "0.15", "average": "0.15"|null}`. `count` is every
///   deal of the group; a MONEY's `count` the deals with an amount in that currency; the group of
///   deals without the field has `"id": null` and comes last.
/// - ndjson: one GROUP a line with `"total": false`, then the total row with `"total": true`.
/// - csv: see [`summary_csv`].
pub fn write_summary(streams: &Streams, format: Format, summary: &Summary) -> Result<()> {
    let text = render_summary(format, summary, layout_width(streams), streams.out_color)?;
    streams.out(&text)
}

/// What [`write_summary`] writes, for a table `width` columns wide.
pub fn render_summary(
    format: Format,
    summary: &Summary,
    width: usize,
    color: bool,
) -> Result<String> {
    Ok(match format {
        Format::Table => summary_table(summary, width, color),
        Format::Json => pretty(summary)?,
        Format::Ndjson => {
            let rows = summary.groups.iter().map(|g| (g, false));
            let mut lines = String::new();
            for (group, total) in rows.chain([(&summary.total, true)]) {
                let mut value = serde_json::to_value(group).map_err(Error::internal)?;
                if let Value::Object(fields) = &mut value {
                    fields.insert("total".into(), Value::Bool(total));
                }
                lines.push_str(&value.to_string());
                lines.push('\n');
            }
            lines
        }
        Format::Csv => summary_csv(summary),
    })
}

/// Writes a timeline.
///
/// - json: `{"interval": "month", "field": "close_date", "periods": [PERIOD…],
///   "in_currency"?: "EUR", "source": "vendor"|"list"}`, where a PERIOD is `{"start":
///   "2026-01-01", "end": "2026-01-31", "count": 3, "open_count": 2, "won_count": 1,
///   "without_amount": 0, "money": {"EUR": MONEY…}, "converted"?: MONEY}` (`end` inclusive; MONEY
///   as in [`write_summary`]).
/// - ndjson: one PERIOD a line.
/// - csv: see [`timeline_csv`].
pub fn write_timeline(streams: &Streams, format: Format, timeline: &Timeline) -> Result<()> {
    let text = render_timeline(format, timeline, layout_width(streams), streams.out_color)?;
    streams.out(&text)
}

/// What [`write_timeline`] writes, for a table `width` columns wide.
pub fn render_timeline(
    format: Format,
    timeline: &Timeline,
    width: usize,
    color: bool,
) -> Result<String> {
    Ok(match format {
        Format::Table => timeline_table(timeline, width, color),
        Format::Json => pretty(timeline)?,
        Format::Ndjson => json_lines(&timeline.periods)?,
        Format::Csv => timeline_csv(timeline),
    })
}

/// Writes a deal's changes, oldest first.
///
/// - json: `[{"time": "2026-01-02T03:04:05Z", "field": "stage", "old": "Qualified"|null,
///   "new": "Won"|null, "by": "Ada"|null, "source": "api"|null}…]`.
/// - ndjson: one change a line; csv: `time,field,old,new,by,source`.
/// - table: time | field | old → new | by; "no changes" on stderr when there are none.
pub fn write_history(streams: &Streams, format: Format, changes: &[Change]) -> Result<()> {
    let text = match format {
        Format::Table if changes.is_empty() => {
            streams.notice("no changes");
            return Ok(());
        }
        Format::Table => history_table(changes, streams.width),
        Format::Json => pretty(&changes)?,
        Format::Ndjson => json_lines(changes)?,
        Format::Csv => history_csv(changes),
    };
    streams.out(&text)
}

fn layout_width(streams: &Streams) -> usize {
    streams.width.map_or(DEFAULT_WIDTH, usize::from)
}

fn pretty<T: serde::Serialize>(value: &T) -> Result<String> {
    Ok(format!(
        "{}\n",
        serde_json::to_string_pretty(value).map_err(Error::internal)?
    ))
}

fn json_lines<T: serde::Serialize>(items: &[T]) -> Result<String> {
    let mut text = String::new();
    for item in items {
        text.push_str(&serde_json::to_string(item).map_err(Error::internal)?);
        text.push('\n');
    }
    Ok(text)
}

/// A currency code as people read it in a table.
fn currency_cell(code: &str) -> String {
    if code.is_empty() {
        "(none)".into()
    } else {
        code.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// Tables

/// One column of a report table.
#[derive(Debug, Clone)]
struct Column {
    head: String,
    cells: Vec<String>,
    right: bool,
    /// The narrowest a label may be cut to (`…`); `None`: figures, never cut.
    cut_to: Option<usize>,
    /// Columns with a priority are left out, lowest first, when the table is wider than the
    /// terminal.
    drop: Option<u8>,
}

impl Column {
    fn figures(head: &str, cells: Vec<String>) -> Column {
        Column {
            head: head.into(),
            cells,
            right: true,
            cut_to: None,
            drop: None,
        }
    }

    fn natural(&self) -> usize {
        self.cells
            .iter()
            .map(|c| c.width())
            .chain([self.head.width()])
            .max()
            .unwrap_or(0)
    }

    fn least(&self) -> usize {
        self.cut_to
            .map_or(self.natural(), |min| min.min(self.natural()))
    }
}

/// Columns are two spaces apart.
const GAP: usize = 2;

fn table_width(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1)
}

/// The widths of `columns` in `room` columns: labels cut first, then (when `drop`) the droppable
/// columns left out; `None` when they still do not fit.
fn fit(columns: &mut Vec<Column>, room: usize, drop: bool) -> Option<Vec<usize>> {
    loop {
        let least: Vec<usize> = columns.iter().map(Column::least).collect();
        if table_width(&least) <= room {
            break;
        }
        let lowest = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.drop.map(|p| (p, i)))
            .min();
        match lowest {
            Some((_, i)) if drop => {
                columns.remove(i);
            }
            _ => return None,
        }
    }
    let mut widths: Vec<usize> = columns.iter().map(Column::natural).collect();
    let mut excess = table_width(&widths).saturating_sub(room);
    for (w, c) in widths.iter_mut().zip(columns.iter()) {
        let give = excess.min(*w - c.least());
        *w -= give;
        excess -= give;
    }
    Some(widths)
}

/// The lines of a table: the header, then one line per row, cells padded to `widths`; a rule
/// before row `rule_before` when given.
fn grid(columns: &[Column], widths: &[usize], rule_before: Option<usize>) -> Vec<String> {
    let line = |cell: &dyn Fn(&Column) -> &str| {
        let cells: Vec<String> = columns
            .iter()
            .zip(widths)
            .map(|(c, w)| {
                let text = cut(cell(c), *w);
                let pad = w.saturating_sub(text.width());
                if c.right {
                    format!("{}{text}", " ".repeat(pad))
                } else {
                    format!("{text}{}", " ".repeat(pad))
                }
            })
            .collect();
        cells.join(&" ".repeat(GAP))
    };
    let rows = columns.first().map_or(0, |c| c.cells.len());
    let mut lines = vec![line(&|c| &c.head)];
    for i in 0..rows {
        if rule_before == Some(i) {
            lines.push("─".repeat(table_width(widths)));
        }
        lines.push(line(&|c| &c.cells[i]));
    }
    lines
}

/// The table lines of one bucket's money: one line per currency, then the deals without an
/// amount. The `value` of each line is what its bar measures (on the measured currency's line,
/// or the first line for converted totals).
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
    let mut text = String::new();
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
    text.push_str(&chart_title(
        measure,
        format!("bars: {}", measure.describe()),
        width,
    ));
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

fn finish_lines(lines: Vec<String>) -> String {
    let mut text = String::new();
    for line in lines {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
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

// ---------------------------------------------------------------------------------------------
// CSV

/// The CSV rows of one bucket's money, after its own leading cells: one per currency
/// (`currency,count,total,weighted,average`), one for its deals without an amount (currency and
/// figures empty, `count` those deals) or for an empty bucket (count 0), and, with `converted`,
/// one in the requested currency marked `true` in the `converted` column.
fn money_rows(lead: &[String], sums: &Sums, in_currency: Option<&str>) -> String {
    let mut text = String::new();
    let mut row = |currency: &str, converted: bool, count: u64, money: Option<&Money>| {
        let mut cells = lead.to_vec();
        cells.push(currency.to_string());
        if in_currency.is_some() {
            cells.push(converted.to_string());
        }
        cells.push(count.to_string());
        for figure in [
            money.map(|m| decimal_text(m.total)),
            money.map(|m| decimal_text(m.weighted)),
            money.and_then(Money::average).map(decimal_text),
        ] {
            cells.push(figure.unwrap_or_default());
        }
        text.push_str(&csv_line(&cells));
    };
    for (code, money) in &sums.money {
        row(code, false, money.count, Some(money));
    }
    if sums.without_amount > 0 || sums.money.is_empty() {
        row("", false, sums.without_amount, None);
    }
    if let (Some(code), Some(money)) = (in_currency, &sums.converted) {
        row(code, true, money.count, Some(money));
    }
    text
}

fn money_header(lead: &[&str], in_currency: Option<&str>) -> String {
    let mut header: Vec<String> = lead.iter().map(|h| h.to_string()).collect();
    header.push("currency".into());
    if in_currency.is_some() {
        header.push("converted".into());
    }
    header.extend(["count", "total", "weighted", "average"].map(String::from));
    csv_line(&header)
}

/// A summary as CSV: `row,group_id,group_label,currency[,converted],count,total,weighted,average`.
///
/// `row` is `group`, or `total` for the total row's lines; each line counts its own deals: one
/// per currency, one for the deals without an amount (empty currency and figures), and with
/// `--in-currency` one more in that currency with `converted` `true` (the same deals again,
/// converted: sum either the `false` lines per currency or the `true` ones, never both).
pub fn summary_csv(summary: &Summary) -> String {
    let in_currency = summary.in_currency.as_deref();
    let mut text = money_header(&["row", "group_id", "group_label"], in_currency);
    for group in &summary.groups {
        let lead = [
            "group".to_string(),
            group.key.id.clone().unwrap_or_default(),
            group.key.label.clone(),
        ];
        text.push_str(&money_rows(&lead, &group.sums, in_currency));
    }
    let lead = [
        "total".to_string(),
        String::new(),
        summary.total.key.label.clone(),
    ];
    text.push_str(&money_rows(&lead, &summary.total.sums, in_currency));
    text
}

/// A timeline as CSV:
/// `start,end,period_count,open_count,won_count,currency[,converted],count,total,weighted,average`,
/// the period's own counts repeated on each of its lines, the lines as in [`summary_csv`].
pub fn timeline_csv(timeline: &Timeline) -> String {
    let in_currency = timeline.in_currency.as_deref();
    let mut text = money_header(
        &["start", "end", "period_count", "open_count", "won_count"],
        in_currency,
    );
    for p in &timeline.periods {
        let lead = [
            p.start.to_string(),
            p.end.to_string(),
            p.count.to_string(),
            p.open_count.to_string(),
            p.won_count.to_string(),
        ];
        text.push_str(&money_rows(&lead, &p.sums, in_currency));
    }
    text
}

/// A deal's changes as CSV: `time,field,old,new,by,source`, an absent value empty.
pub fn history_csv(changes: &[Change]) -> String {
    let mut text = csv_line(&["time", "field", "old", "new", "by", "source"].map(String::from));
    for c in changes {
        let text_of = |v: &Option<String>| v.clone().unwrap_or_default();
        text.push_str(&csv_line(&[
            time_text(c.time),
            c.field.clone(),
            text_of(&c.old),
            text_of(&c.new),
            text_of(&c.by),
            text_of(&c.source),
        ]));
    }
    text
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Ref, Status};
    use crate::reports::{
        DateField, Fact, GroupBy, GroupKey, Source, SourceChoice, SummaryBuilder, SummaryRequest,
        TimelineBuilder, TimelineRequest,
    };

    fn fact(stage: Option<&str>, amount: Option<&str>, currency: &str, close: &str) -> Fact {
        Fact {
            id: "1".into(),
            stage: stage.map(|s| Ref {
                id: s.to_lowercase().replace(' ', "-"),
                name: Some(s.into()),
            }),
            status: Some(Status::Open),
            amount: amount.map(|a| a.parse().unwrap()),
            currency: Some(currency.into()),
            probability: Some("40".parse().unwrap()),
            close_date: close.parse().ok(),
            ..Fact::default()
        }
    }

    fn facts() -> Vec<Fact> {
        vec![
            fact(Some("Qualified"), Some("0.10"), "EUR", "2026-01-05"),
            fact(Some("Qualified"), Some("0.20"), "EUR", "2026-01-31"),
            fact(Some("Qualified"), Some("1200"), "USD", "2026-02-01"),
            fact(Some("Proposal Made"), Some("15000.5"), "EUR", "2026-03-15"),
            fact(Some("Proposal Made"), None, "EUR", "2026-03-16"),
            fact(
                Some("Negotiations Started"),
                Some("4200"),
                "EUR",
                "2026-06-30",
            ),
            fact(None, Some("300"), "EUR", "2026-12-31"),
        ]
    }

    fn summary() -> Summary {
        let request = SummaryRequest {
            by: GroupBy::Stage,
            in_currency: None,
            source: SourceChoice::Auto,
        };
        // Pipedrive's default pipeline, as a vendor's stages seed the groups.
        let stages = [
            "Qualified",
            "Contact Made",
            "Proposal Made",
            "Negotiations Started",
        ];
        let mut builder = SummaryBuilder::new(&request)
            .with_groups(stages.map(|s| GroupKey::new(s.to_lowercase().replace(' ', "-"), s)));
        for f in facts() {
            builder.add(&f);
        }
        builder.finish(Source::List)
    }

    fn timeline() -> Timeline {
        let request = TimelineRequest {
            interval: Interval::Month,
            from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            periods: 12,
            field: DateField::CloseDate,
            in_currency: None,
            source: SourceChoice::Auto,
        };
        let mut builder = TimelineBuilder::new(&request);
        for f in facts() {
            builder.add(&f);
        }
        builder.finish(Source::List)
    }

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
    fn summary_json_is_the_model_with_exact_strings() {
        let json: Value = serde_json::from_str(&pretty(&summary()).unwrap()).unwrap();
        assert_eq!(json["by"], "stage");
        assert_eq!(json["source"], "list");
        let first = &json["groups"][0];
        assert_eq!(
            first["key"],
            serde_json::json!({"id": "qualified", "label": "Qualified"})
        );
        assert_eq!(first["count"], 3);
        assert_eq!(
            first["money"]["EUR"],
            serde_json::json!({"count": 2, "total": "0.3", "weighted": "0.12", "average": "0.15"})
        );
        assert_eq!(json["groups"][4]["key"]["id"], Value::Null);
        assert_eq!(json["total"]["count"], 7);
        assert_eq!(json["total"]["without_amount"], 1);
        assert!(json.get("in_currency").is_none());
    }

    #[test]
    fn summary_ndjson_ends_with_the_total_row() {
        let text = render_summary(Format::Ndjson, &summary(), 80, true).unwrap();
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 6, "five groups and the total:\n{text}");
        assert!(lines[..5].iter().all(|l| l["total"] == false));
        assert_eq!(lines[5]["total"], true);
        assert_eq!(lines[5]["key"]["label"], "total");
        assert_eq!(lines[5]["money"]["USD"]["total"], "1200");
    }

    #[test]
    fn machine_formats_carry_no_chart_and_no_colour() {
        for format in [Format::Json, Format::Ndjson, Format::Csv] {
            let texts = [
                render_summary(format, &summary(), 200, true).unwrap(),
                render_timeline(format, &timeline(), 200, true).unwrap(),
            ];
            for text in texts {
                assert!(
                    !text.contains('\x1b') && !text.contains('█'),
                    "{format:?}:\n{text}"
                );
            }
        }
    }

    #[test]
    fn timeline_json_and_ndjson_are_its_periods() {
        let json: Value =
            serde_json::from_str(&render_timeline(Format::Json, &timeline(), 80, false).unwrap())
                .unwrap();
        assert_eq!(json["interval"], "month");
        assert_eq!(json["field"], "close_date");
        assert_eq!(json["periods"].as_array().unwrap().len(), 12);
        assert_eq!(
            json["periods"][2],
            serde_json::json!({"start": "2026-03-01", "end": "2026-03-31", "count": 2,
                "open_count": 2, "won_count": 0, "without_amount": 1,
                "money": {"EUR": {"count": 1, "total": "15000.5", "weighted": "6000.2",
                    "average": "15000.5"}}})
        );
        let ndjson = render_timeline(Format::Ndjson, &timeline(), 80, false).unwrap();
        assert_eq!(ndjson.lines().count(), 12);
        let first: Value = serde_json::from_str(ndjson.lines().next().unwrap()).unwrap();
        assert_eq!(first, json["periods"][0]);
    }

    #[test]
    fn summary_csv_has_one_row_per_group_and_currency() {
        assert_eq!(
            summary_csv(&summary()),
            "row,group_id,group_label,currency,count,total,weighted,average\n\
             group,qualified,Qualified,EUR,2,0.3,0.12,0.15\n\
             group,qualified,Qualified,USD,1,1200,480,1200\n\
             group,contact-made,Contact Made,,0,,,\n\
             group,proposal-made,Proposal Made,EUR,1,15000.5,6000.2,15000.5\n\
             group,proposal-made,Proposal Made,,1,,,\n\
             group,negotiations-started,Negotiations Started,EUR,1,4200,1680,4200\n\
             group,,(no stage),EUR,1,300,120,300\n\
             total,,total,EUR,5,19500.8,7800.32,3900.16\n\
             total,,total,USD,1,1200,480,1200\n\
             total,,total,,1,,,\n"
        );
    }

    #[test]
    fn converted_totals_get_their_own_rows_and_columns() {
        let mut s = summary();
        s.in_currency = Some("EUR".into());
        for group in s.groups.iter_mut().chain([&mut s.total]) {
            let total = group.sums.money.values().map(|m| m.total).sum();
            group.sums.converted = Some(Money {
                count: group.sums.money.values().map(|m| m.count).sum(),
                total,
                weighted: Decimal::ZERO,
            });
        }
        let csv = summary_csv(&s);
        assert!(
            csv.starts_with(
                "row,group_id,group_label,currency,converted,count,total,weighted,average\n"
            ),
            "{csv}"
        );
        assert!(
            csv.contains("group,qualified,Qualified,EUR,true,3,1200.3,0,400.1\n"),
            "{csv}"
        );
        let table = summary_table(&s, 120, false);
        assert!(
            table.starts_with("bars: total converted into EUR\n"),
            "{table}"
        );
        assert!(table.contains("total in EUR"), "{table}");
    }

    #[test]
    fn timeline_csv_repeats_the_periods_counts_on_each_line() {
        let csv = timeline_csv(&timeline());
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some(
                "start,end,period_count,open_count,won_count,currency,count,total,weighted,average"
            )
        );
        assert_eq!(
            lines.next(),
            Some("2026-01-01,2026-01-31,2,2,0,EUR,2,0.3,0.12,0.15")
        );
        assert_eq!(
            lines.next(),
            Some("2026-02-01,2026-02-28,1,1,0,USD,1,1200,480,1200")
        );
        assert_eq!(
            lines.next(),
            Some("2026-03-01,2026-03-31,2,2,0,EUR,1,15000.5,6000.2,15000.5")
        );
        assert_eq!(lines.next(), Some("2026-03-01,2026-03-31,2,2,0,,1,,,"));
        assert_eq!(lines.next(), Some("2026-04-01,2026-04-30,0,0,0,,0,,,"));
        assert_eq!(csv.lines().count(), 1 + 13);
    }

    fn changes() -> Vec<Change> {
        vec![
            Change {
                time: "2026-03-01T10:00:00Z".parse().unwrap(),
                field: "stage".into(),
                old: Some("Qualified to buy".into()),
                new: Some("Contract sent".into()),
                by: Some("Ada Lovelace".into()),
                source: Some("api".into()),
            },
            Change {
                time: "2026-03-02T11:30:00.250Z".parse().unwrap(),
                field: "amount".into(),
                old: None,
                new: Some("1500.5".into()),
                by: None,
                source: None,
            },
        ]
    }

    #[test]
    fn history_in_every_format() {
        let table = history_table(&changes(), Some(120));
        assert!(
            table.contains("Qualified to buy → Contract sent"),
            "{table}"
        );
        assert!(table.contains("(none) → 1500.5"), "{table}");
        assert_eq!(
            history_csv(&changes()),
            "time,field,old,new,by,source\n\
             2026-03-01T10:00:00Z,stage,Qualified to buy,Contract sent,Ada Lovelace,api\n\
             2026-03-02T11:30:00.250Z,amount,,1500.5,,\n"
        );
        let lines = json_lines(&changes()).unwrap();
        let second: Value = serde_json::from_str(lines.lines().nth(1).unwrap()).unwrap();
        assert_eq!(
            second,
            serde_json::json!({"time": "2026-03-02T11:30:00.250Z", "field": "amount", "old": null,
                "new": "1500.5", "by": null, "source": null})
        );
    }
}
