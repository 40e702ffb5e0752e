//! The reports as CSV: one row per bucket and currency, numbers only.

use crate::model::{decimal_text, time_text};
use crate::output::csv_line;
use crate::reports::{Change, Money, Summary, Sums, Timeline};

/// (`currency,count,total,weighted,average`), one for its deals without an amount (currency and
/// figures empty, `count` those deals) or for an empty bucket (count 0), and, with `converted`,
/// one in the requested currency marked `true` in the `converted` column.
fn money_rows(lead: &[String], sums: &Sums, in_currency: Option<&str>) -> String {
    let mut text = String::new();
    let mut row = |currency: &str, converted: bool, count: Option<u64>, money: Option<&Money>| {
        let mut cells = lead.to_vec();
        cells.push(currency.to_string());
        if in_currency.is_some() {
            cells.push(converted.to_string());
        }
        cells.push(count.map(|n| n.to_string()).unwrap_or_default());
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
        row(code, false, money.deals(), Some(money));
    }
    if sums.without_amount > 0 || sums.money.is_empty() {
        row("", false, Some(sums.without_amount), None);
    }
    if let (Some(code), Some(money)) = (in_currency, &sums.converted) {
        row(code, true, money.deals(), Some(money));
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
    use super::super::fixtures::{changes, converted_summary, summary, timeline};
    use super::*;

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
    fn converted_totals_get_their_own_rows() {
        let s = converted_summary();
        let csv = summary_csv(&s);
        assert!(
            csv.starts_with(
                "row,group_id,group_label,currency,converted,count,total,weighted,average\n"
            ),
            "{csv}"
        );
        assert!(
            csv.contains("group,qualified,Qualified,EUR,true,3,600.3,240.12,200.1\n"),
            "{csv}"
        );
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

    #[test]
    fn history_csv_has_one_row_per_change() {
        assert_eq!(
            history_csv(&changes()),
            "time,field,old,new,by,source\n\
             2026-03-01T10:00:00Z,stage,Qualified to buy,Contract sent,Ada Lovelace,api\n\
             2026-03-02T11:30:00.250Z,amount,,1500.5,,\n"
        );
    }
}
