//! Rendering the common model as a table, JSON, NDJSON or CSV. The only writer of data to stdout.

pub mod reports;
mod table;

use serde::Serialize;
use serde_json::{Map, Value};

use self::table::{Column, Fit};
use crate::adapter::Capabilities;
use crate::error::{Error, Result};
use crate::model::{custom_in_order, decimal_text, time_text, Deal, Ref, Vendor};
use crate::resolve::unknown_field;
use crate::streams::Streams;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Ndjson,
    Csv,
}

/// The deal fields, in output order. `custom.NAME` selects one custom field.
pub const DEAL_FIELDS: [&str; 18] = [
    "id",
    "vendor",
    "name",
    "amount",
    "currency",
    "pipeline",
    "stage",
    "status",
    "owner",
    "close_date",
    "probability",
    "contacts",
    "company",
    "tags",
    "custom",
    "created_at",
    "updated_at",
    "url",
];

/// What a table shows when `--fields` is not given (a `pipeline` column joins them when the
/// account has more than one pipeline); `amount` carries the currency in a table.
const TABLE_FIELDS: [&str; 7] = [
    "id",
    "name",
    "amount",
    "stage",
    "status",
    "owner",
    "close_date",
];

/// Fields a deal carries only when true (`"deleted": true`, `"archived": true`): selectable with
/// `--fields`, never a default column.
pub const FLAG_FIELDS: [&str; 2] = ["deleted", "archived"];

/// Checks `--fields` names against what `vendor` has: an unknown one is exit 2 with a "did you
/// mean"; `url` on a vendor that gives no links to deals is exit 6.
pub fn check_fields(fields: &[String], vendor: Vendor) -> Result<()> {
    for f in fields {
        let known = DEAL_FIELDS.contains(&f.as_str())
            || FLAG_FIELDS.contains(&f.as_str())
            || f.strip_prefix("custom.").is_some_and(|n| !n.is_empty());
        if !known {
            return Err(unknown_field("field", f, DEAL_FIELDS));
        }
        if f == "url" && !Capabilities::of(vendor).deal_links {
            return Err(Error::unsupported(vendor, "links to deals (--fields url)")
                .with_hint(format!("{vendor} documents no web address for a deal")));
        }
    }
    Ok(())
}

/// A deal's JSON text (`pretty`: indented), reduced to `fields` when some are given. The whole
/// deal is written straight from the model: going through a `Value` first cost a list as much as
/// reading its pages.
fn deal_json_text(deal: &Deal, fields: &[String], pretty: bool) -> String {
    let text = match (fields.is_empty(), pretty) {
        (true, false) => serde_json::to_string(deal),
        (true, true) => serde_json::to_string_pretty(deal),
        (false, false) => serde_json::to_string(&deal_json(deal, fields)),
        (false, true) => serde_json::to_string_pretty(&deal_json(deal, fields)),
    };
    text.expect("a deal serialises")
}

/// A deal as JSON, reduced to `fields` when some are given.
fn deal_json(deal: &Deal, fields: &[String]) -> Value {
    let full = serde_json::to_value(deal).expect("a deal serialises");
    if fields.is_empty() {
        return full;
    }
    let Value::Object(all) = full else {
        return full;
    };
    let mut out = Map::new();
    for f in fields {
        if let Some(name) = f.strip_prefix("custom.") {
            let custom = out
                .entry("custom")
                .or_insert_with(|| Value::Object(Map::new()));
            if let (Value::Object(c), Some(v)) = (custom, deal.custom.get(name)) {
                c.insert(name.to_string(), v.clone());
            }
        } else if let Some(v) = all.get(f) {
            out.insert(f.clone(), v.clone());
        }
    }
    Value::Object(out)
}

/// One cell of a table or CSV row: names rather than ids, lists joined.
fn deal_cell(deal: &Deal, field: &str) -> String {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let label = |r: &Option<Ref>| {
        r.as_ref()
            .map(|r| r.label().to_string())
            .unwrap_or_default()
    };
    match field {
        "id" => deal.id.clone(),
        "vendor" => deal.vendor.key().to_string(),
        "name" => text(&deal.name),
        "amount" => deal.amount.map(decimal_text).unwrap_or_default(),
        "currency" => text(&deal.currency),
        "pipeline" => label(&deal.pipeline),
        "stage" => label(&deal.stage),
        "status" => deal.status.map(|s| s.to_string()).unwrap_or_default(),
        "deleted" => deal.deleted.to_string(),
        "archived" => deal.archived.to_string(),
        "owner" => label(&deal.owner),
        "close_date" => deal.close_date.map(|d| d.to_string()).unwrap_or_default(),
        "probability" => deal.probability.map(decimal_text).unwrap_or_default(),
        "contacts" => deal.contacts.join(";"),
        "company" => text(&deal.company),
        "tags" => deal.tags.join(";"),
        "custom" => Value::Object(custom_in_order(&deal.custom)).to_string(),
        "created_at" => deal.created_at.map(time_text).unwrap_or_default(),
        "updated_at" => deal.updated_at.map(time_text).unwrap_or_default(),
        "url" => text(&deal.url),
        other => match other
            .strip_prefix("custom.")
            .and_then(|n| deal.custom.get(n))
        {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(v) => v.to_string(),
        },
    }
}

fn csv_line(cells: &[String]) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    writer.write_record(cells).expect("csv into memory");
    String::from_utf8(writer.into_inner().expect("csv flush")).expect("csv is utf-8")
}

/// The table column of one deal field: how it fits a narrow terminal and when it is dropped.
fn deal_column(field: &str, deals: &[Deal], with_currency: bool, chosen: bool) -> Column {
    let cells = deals
        .iter()
        .map(|d| match field {
            "amount" if with_currency => match (&d.amount, &d.currency) {
                (Some(a), Some(c)) => format!("{} {c}", decimal_text(*a)),
                (Some(a), None) => decimal_text(*a),
                (None, _) => String::new(),
            },
            _ => deal_cell(d, field),
        })
        .collect();
    let fit = match field {
        "name" => Fit::Cut { min: 12 },
        "stage" => Fit::Cut { min: 10 },
        "pipeline" | "owner" => Fit::Cut { min: 8 },
        "id" | "vendor" | "amount" | "currency" | "status" | "close_date" | "probability"
        | "created_at" | "updated_at" | "company" => Fit::Whole,
        _ => Fit::Cut { min: 8 },
    };
    let mut column = Column::new(field, cells, fit);
    column.right = matches!(field, "amount" | "probability");
    // Columns the user did not choose give way, least useful first, on a narrow terminal.
    if !chosen {
        column.drop_priority = match field {
            "status" => Some(0),
            "owner" => Some(1),
            "close_date" => Some(2),
            "pipeline" => Some(3),
            _ => None,
        };
    }
    column
}

/// Writes deals as they arrive: NDJSON and CSV line by line, JSON as one array written in pieces,
/// a table once at the end (tables are for people, who do not page through a million rows).
pub struct DealWriter {
    format: Format,
    fields: Vec<String>,
    /// Whether the user chose the fields (`--fields`), or they are the format's defaults.
    chosen: bool,
    vendor: Vendor,
    streams: Streams,
    table_deals: Vec<Deal>,
    written: usize,
}

impl DealWriter {
    pub fn new(
        format: Format,
        fields: &[String],
        streams: Streams,
        vendor: Vendor,
    ) -> Result<Self> {
        check_fields(fields, vendor)?;
        let chosen = !fields.is_empty();
        let fields = if !chosen && matches!(format, Format::Table | Format::Csv) {
            let defaults: &[&str] = if format == Format::Table {
                &TABLE_FIELDS
            } else {
                &DEAL_FIELDS
            };
            defaults.iter().map(|f| f.to_string()).collect()
        } else {
            fields.to_vec()
        };
        Ok(DealWriter {
            format,
            fields,
            chosen,
            vendor,
            streams,
            table_deals: Vec::new(),
            written: 0,
        })
    }

    /// Adds a `pipeline` column to a default table (the account has several pipelines, whose
    /// stages' names repeat).
    pub fn with_pipeline_column(mut self, several_pipelines: bool) -> Self {
        if several_pipelines && !self.chosen && self.format == Format::Table {
            let at = self.fields.iter().position(|f| f == "stage").unwrap_or(0);
            self.fields.insert(at, "pipeline".into());
        }
        self
    }

    pub fn count(&self) -> usize {
        self.written
    }

    /// The default CSV columns leave `url` out where the vendor gives no link to a deal.
    fn settle_csv_columns(&mut self, first: Option<&Deal>) {
        let has_links = match first {
            Some(deal) => deal.url.is_some(),
            None => Capabilities::of(self.vendor).deal_links,
        };
        if !self.chosen && !has_links {
            self.fields.retain(|f| f != "url");
        }
    }

    pub fn write(&mut self, deals: &[Deal]) -> Result<()> {
        let mut chunk = String::new();
        for deal in deals {
            match self.format {
                Format::Table => self.table_deals.push(deal.clone()),
                Format::Json => {
                    chunk.push_str(if self.written == 0 { "[\n  " } else { ",\n  " });
                    let pretty = deal_json_text(deal, &self.fields, true);
                    chunk.push_str(&pretty.replace('\n', "\n  "));
                }
                Format::Ndjson => {
                    chunk.push_str(&deal_json_text(deal, &self.fields, false));
                    chunk.push('\n');
                }
                Format::Csv => {
                    if self.written == 0 {
                        self.settle_csv_columns(Some(deal));
                        chunk.push_str(&csv_line(&self.fields));
                    }
                    let cells: Vec<String> =
                        self.fields.iter().map(|f| deal_cell(deal, f)).collect();
                    chunk.push_str(&csv_line(&cells));
                }
            }
            self.written += 1;
        }
        if !chunk.is_empty() {
            self.streams.out(&chunk)?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        match self.format {
            Format::Table => {
                if self.table_deals.is_empty() {
                    self.streams.notice("no deals");
                    return Ok(());
                }
                let with_currency = !self.chosen;
                let columns = self
                    .fields
                    .iter()
                    .filter(|f| *f != "url" || self.table_deals.iter().any(|d| d.url.is_some()))
                    .map(|f| deal_column(f, &self.table_deals, with_currency, self.chosen))
                    .collect();
                self.streams
                    .out(&table::render(columns, self.streams.width))
            }
            Format::Json if self.written == 0 => self.streams.out("[]\n"),
            Format::Json => self.streams.out("\n]\n"),
            Format::Csv if self.written == 0 => {
                self.settle_csv_columns(None);
                self.streams.out(&csv_line(&self.fields))
            }
            Format::Ndjson | Format::Csv => Ok(()),
        }
    }
}

/// One line that tells a person which deal this is: id, name, amount and stage (with its
/// pipeline, as stage names repeat across pipelines).
pub fn deal_summary(deal: &Deal) -> String {
    let name = deal
        .name
        .as_deref()
        .map_or_else(|| "(no name)".to_string(), |n| format!("{n:?}"));
    let amount = match (&deal.amount, &deal.currency) {
        (Some(a), Some(c)) => format!("{} {c}", decimal_text(*a)),
        (Some(a), None) => decimal_text(*a),
        (None, _) => "no amount".into(),
    };
    let stage = match (&deal.stage, &deal.pipeline) {
        (Some(s), Some(p)) => format!("{} ({})", s.label(), p.label()),
        (Some(s), None) => s.label().to_string(),
        (None, _) => "no stage".into(),
    };
    format!("{}  {name}  {amount}  {stage}", deal.id)
}

/// Writes one deal (get, create, update): a JSON object rather than an array; a table of
/// field/value pairs for people.
pub fn write_deal(format: Format, fields: &[String], streams: &Streams, deal: &Deal) -> Result<()> {
    check_fields(fields, deal.vendor)?;
    match format {
        Format::Table => {
            let all: Vec<String> = DEAL_FIELDS
                .iter()
                .filter(|f| **f != "custom" && (**f != "url" || deal.url.is_some()))
                .map(|f| f.to_string())
                .chain(
                    custom_in_order(&deal.custom)
                        .keys()
                        .map(|k| format!("custom.{k}")),
                )
                .collect();
            let shown = if fields.is_empty() { &all } else { fields };
            let rows = shown
                .iter()
                .map(|f| vec![f.clone(), deal_cell(deal, f)])
                .collect();
            streams.out(&table::plain(&["field", "value"], rows, streams.width))
        }
        Format::Json => streams.out(&format!("{}\n", deal_json_text(deal, fields, true))),
        Format::Ndjson | Format::Csv => {
            let mut writer = DealWriter::new(format, fields, streams.clone(), deal.vendor)?;
            writer.write(std::slice::from_ref(deal))?;
            writer.finish()
        }
    }
}

/// Rows of any other record (pipelines, stages, users, capabilities): `columns` for tables and
/// CSV, the serialised records for JSON.
pub fn write_records<T: Serialize>(
    format: Format,
    streams: &Streams,
    columns: &[&str],
    records: &[T],
    cells: impl Fn(&T) -> Vec<String>,
) -> Result<()> {
    match format {
        Format::Table => streams.out(&table::plain(
            columns,
            records.iter().map(cells).collect(),
            streams.width,
        )),
        Format::Json => streams.out(&format!(
            "{}\n",
            serde_json::to_string_pretty(records).map_err(Error::internal)?
        )),
        Format::Ndjson => {
            let mut text = String::new();
            for r in records {
                text.push_str(&serde_json::to_string(r).map_err(Error::internal)?);
                text.push('\n');
            }
            streams.out(&text)
        }
        Format::Csv => streams.out(&records_csv(columns, records)?),
    }
}

/// Records as CSV whose header is exactly their JSON keys (every key any record has, in the
/// order they first appear), so a script reads the same names from `-o csv` and `-o json`.
fn records_csv<T: Serialize>(columns: &[&str], records: &[T]) -> Result<String> {
    let values: Vec<Value> = records
        .iter()
        .map(serde_json::to_value)
        .collect::<std::result::Result<_, _>>()
        .map_err(Error::internal)?;
    let mut keys: Vec<String> = Vec::new();
    for v in &values {
        for k in v.as_object().into_iter().flat_map(|o| o.keys()) {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    if values.is_empty() {
        // No record to read the keys from: the columns people see.
        keys = columns.iter().map(|c| c.to_string()).collect();
    }
    let mut text = csv_line(&keys);
    for v in &values {
        let cells: Vec<String> = keys.iter().map(|k| csv_cell(v.get(k))).collect();
        text.push_str(&csv_line(&cells));
    }
    Ok(text)
}

/// One JSON value as a CSV cell, as deal CSV writes them: a reference by its name, lists of
/// plain values joined with `;`, anything else nested as JSON.
fn csv_cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.iter().all(|i| !i.is_object() && !i.is_array()) => items
            .iter()
            .map(|i| csv_cell(Some(i)))
            .collect::<Vec<_>>()
            .join(";"),
        Some(Value::Object(o)) if o.contains_key("id") && o.len() <= 2 => {
            csv_cell(o.get("name").or_else(|| o.get("id")))
        }
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Ref, Vendor};

    fn deal() -> Deal {
        let mut d = Deal::new(Vendor::Hubspot, "42");
        d.name = Some("Acme, Inc.".into());
        d.amount = Some("1000.50".parse().unwrap());
        d.stage = Some(Ref {
            id: "contractsent".into(),
            name: Some("Contract Sent".into()),
        });
        d.custom
            .insert("region".into(), Value::String("EMEA".into()));
        d
    }

    #[test]
    fn fields_are_checked() {
        assert!(check_fields(&["id".into(), "custom.region".into()], Vendor::Sell).is_ok());
        let e = check_fields(&["nmae".into()], Vendor::Hubspot).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.hint().unwrap().contains("\"name\""));
        assert!(check_fields(&["url".into()], Vendor::Pipedrive).is_ok());
        assert_eq!(
            check_fields(&["id".into(), "url".into()], Vendor::Sell)
                .unwrap_err()
                .exit_code(),
            6
        );
    }

    #[test]
    fn a_whole_deal_reads_the_same_written_straight_or_through_its_value() {
        let mut d = deal();
        d.currency = Some("EUR".into());
        d.owner = Some(Ref::id("7"));
        d.contacts = vec!["1".into(), "2".into()];
        d.tags = vec!["hot".into()];
        d.deleted = true;
        d.custom.insert("Amount 2".into(), serde_json::json!(12.50));
        d.custom
            .insert("alpha".into(), serde_json::json!(["x", {"y": null}]));
        d.created_at = Some("2026-01-02T03:04:05Z".parse().unwrap());
        d.raw = Some(serde_json::from_str(r#"{"value": 1.10, "b": 1, "a": [2]}"#).unwrap());
        let value = serde_json::to_value(&d).unwrap();
        assert_eq!(deal_json_text(&d, &[], false), value.to_string());
        assert_eq!(
            deal_json_text(&d, &[], true),
            serde_json::to_string_pretty(&value).unwrap()
        );
        assert_eq!(
            deal_json_text(&d, &["id".into(), "custom.alpha".into()], false),
            r#"{"id":"42","custom":{"alpha":["x",{"y":null}]}}"#
        );
    }

    #[test]
    fn json_keeps_exact_amounts_and_selected_fields() {
        let v = deal_json(
            &deal(),
            &["id".into(), "amount".into(), "custom.region".into()],
        );
        assert_eq!(
            v,
            serde_json::json!({"id": "42", "amount": "1000.5", "custom": {"region": "EMEA"}})
        );
    }

    #[test]
    fn record_csv_headers_are_the_json_keys() {
        #[derive(Serialize)]
        struct R {
            id: &'static str,
            set_with: Option<&'static str>,
            options: Vec<&'static str>,
            pipeline: serde_json::Value,
            #[serde(skip_serializing_if = "Option::is_none")]
            note: Option<&'static str>,
        }
        let rows = [
            R {
                id: "1",
                set_with: None,
                options: vec!["a", "b"],
                pipeline: serde_json::json!({"id": "7", "name": "Sales"}),
                note: None,
            },
            R {
                id: "2",
                set_with: Some("--name"),
                options: vec![],
                pipeline: serde_json::json!({"id": "8"}),
                note: Some("why"),
            },
        ];
        assert_eq!(
            records_csv(&["id", "set with"], &rows).unwrap(),
            "id,set_with,options,pipeline,note\n1,,a;b,Sales,\n2,--name,,8,why\n"
        );
        assert_eq!(records_csv::<R>(&["id"], &[]).unwrap(), "id\n");
    }

    #[test]
    fn cells_show_names_and_csv_quotes() {
        assert_eq!(deal_cell(&deal(), "stage"), "Contract Sent");
        assert_eq!(csv_line(&["a,b".into(), "c".into()]), "\"a,b\",c\n");
    }

    #[test]
    fn tables_write_times_and_amounts_as_the_json_does() {
        let mut d = deal();
        d.amount = Some("1253.00".parse().unwrap());
        d.created_at = Some("2026-01-02T03:04:05Z".parse().unwrap());
        d.updated_at = Some("2026-11-29T20:18:29.182345Z".parse().unwrap());
        let json = serde_json::to_value(&d).unwrap();
        for field in ["amount", "created_at", "updated_at"] {
            assert_eq!(
                deal_cell(&d, field),
                json[field].as_str().unwrap(),
                "{field}"
            );
        }
        assert_eq!(json["amount"], "1253");
        assert_eq!(json["created_at"], "2026-01-02T03:04:05Z");
        assert_eq!(json["updated_at"], "2026-11-29T20:18:29.182Z");
    }
}
