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

mod csv;
mod grid;
mod people;

use serde_json::Value;

use super::Format;
use crate::error::{Error, Result};
use crate::reports::{Change, Summary, Timeline};
use crate::streams::Streams;

pub use self::csv::{history_csv, summary_csv, timeline_csv};
pub use self::people::{history_table, summary_table, timeline_table};

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

/// A pipeline's deals as the reports' tests see them: two currencies, amounts like 0.10 + 0.20,
/// a deal without amount, one without stage, an empty stage.
#[cfg(test)]
mod fixtures {
    use chrono::NaiveDate;

    use crate::model::{Ref, Status};
    use crate::reports::{
        Change, DateField, Fact, GroupBy, GroupKey, Interval, Source, SourceChoice, Summary,
        SummaryBuilder, SummaryRequest, Timeline, TimelineBuilder, TimelineRequest,
    };

    pub fn fact(stage: Option<&str>, amount: Option<&str>, currency: &str, close: &str) -> Fact {
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

    pub fn facts() -> Vec<Fact> {
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

    pub fn summary() -> Summary {
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

    pub fn timeline() -> Timeline {
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

    pub fn changes() -> Vec<Change> {
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

    /// The summary as a vendor converting into EUR gives it (USD at a made-up 0.5).
    pub fn converted_summary() -> Summary {
        let mut s = summary();
        s.in_currency = Some("EUR".into());
        let half: rust_decimal::Decimal = "0.5".parse().unwrap();
        for group in s.groups.iter_mut().chain([&mut s.total]) {
            let mut converted = crate::reports::Money::default();
            for (code, money) in &group.sums.money {
                let rate = if code == "USD" {
                    half
                } else {
                    rust_decimal::Decimal::ONE
                };
                converted.count += money.count;
                converted.total += money.total * rate;
                converted.weighted += money.weighted * rate;
            }
            group.sums.converted = Some(converted);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{changes, summary, timeline};
    use super::*;

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
    fn history_json_lines_are_its_changes() {
        let lines = json_lines(&changes()).unwrap();
        let second: Value = serde_json::from_str(lines.lines().nth(1).unwrap()).unwrap();
        assert_eq!(
            second,
            serde_json::json!({"time": "2026-03-02T11:30:00.250Z", "field": "amount", "old": null,
                "new": "1500.5", "by": null, "source": null})
        );
    }
}
