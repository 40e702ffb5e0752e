//! Reading the records to import: NDJSON, CSV or a JSON array, from a file or stdin, each record
//! with its line number and its original text (for `--rejects`).

use std::io::Read;

use serde_json::{Map, Value};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Ndjson,
    Csv,
    Json,
}

/// One input record: where it is, what it said, and its JSON object (or why it is malformed).
#[derive(Debug, Clone)]
pub struct Record {
    /// 1-based line of the file (CSV: of the row; JSON array: the item's position).
    pub line: usize,
    /// The record as it was written, to copy into the rejects file.
    pub original: Original,
    pub value: std::result::Result<Value, String>,
}

#[derive(Debug, Clone)]
pub enum Original {
    Line(String),
    Row(Vec<String>),
    Item(Value),
}

impl Original {
    /// The record's text, which identifies it in the journal.
    pub fn text(&self) -> String {
        match self {
            Original::Line(l) => l.clone(),
            Original::Row(r) => r.join("\u{1f}"),
            Original::Item(v) => v.to_string(),
        }
    }
}

/// What was read: the records, and the CSV header when there is one.
pub struct Input {
    pub format: InputFormat,
    pub records: Vec<Record>,
    pub header: Vec<String>,
}

/// Reads `source` (`-` for stdin) in `format`, or the format its name or first byte suggests.
pub fn read(source: &str, format: Option<InputFormat>) -> Result<Input> {
    let text = read_text(source)?;
    let format = format.unwrap_or_else(|| guess(source, &text));
    parse(&text, format)
}

/// The whole of `source`: a file, or stdin for `-`.
pub fn read_text(source: &str) -> Result<String> {
    if source == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        return Ok(text);
    }
    std::fs::read_to_string(source).map_err(|e| Error::usage(format!("cannot read {source}: {e}")))
}

fn guess(source: &str, text: &str) -> InputFormat {
    let lower = source.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        InputFormat::Csv
    } else if text.trim_start().starts_with('[') {
        InputFormat::Json
    } else {
        InputFormat::Ndjson
    }
}

pub fn parse(text: &str, format: InputFormat) -> Result<Input> {
    let (records, header) = match format {
        InputFormat::Ndjson => (ndjson(text), Vec::new()),
        InputFormat::Json => (json_array(text)?, Vec::new()),
        InputFormat::Csv => csv_rows(text)?,
    };
    Ok(Input {
        format,
        records,
        header,
    })
}

fn ndjson(text: &str) -> Vec<Record> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| Record {
            line: n + 1,
            original: Original::Line(l.to_string()),
            value: serde_json::from_str::<Value>(l)
                .map_err(|e| format!("not valid JSON: {e}"))
                .and_then(object),
        })
        .collect()
}

fn json_array(text: &str) -> Result<Vec<Record>> {
    let items: Vec<Value> = serde_json::from_str(text).map_err(|e| {
        Error::usage_hint(
            format!("the input is not a JSON array: {e}"),
            "give a JSON array of deals, or one deal per line with --format ndjson",
        )
    })?;
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, v)| Record {
            line: i + 1,
            original: Original::Item(v.clone()),
            value: object(v),
        })
        .collect())
}

fn object(v: Value) -> std::result::Result<Value, String> {
    match v {
        Value::Object(_) => Ok(v),
        other => Err(format!("expected a JSON object for a deal, got {other}")),
    }
}

/// CSV with a header naming the deal fields (as `-o csv` writes them): `contacts` and `tags` are
/// `;`-separated, `custom` a JSON object, `custom.NAME` one custom field; empty cells are absent.
fn csv_rows(text: &str) -> Result<(Vec<Record>, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::usage(format!("cannot read the CSV header: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut records = Vec::new();
    for row in reader.records() {
        let (line, original, value) = match row {
            Ok(row) => {
                let cells: Vec<String> = row.iter().map(str::to_string).collect();
                let line = row.position().map_or(0, |p| p.line() as usize);
                let value = csv_object(&header, &cells);
                (line, cells, value)
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                (line, Vec::new(), Err(format!("not valid CSV: {e}")))
            }
        };
        records.push(Record {
            line,
            original: Original::Row(original),
            value,
        });
    }
    Ok((records, header))
}

fn csv_object(header: &[String], cells: &[String]) -> std::result::Result<Value, String> {
    if cells.len() != header.len() {
        return Err(format!(
            "the row has {} cells and the header {}",
            cells.len(),
            header.len()
        ));
    }
    let mut out = Map::new();
    let mut custom = Map::new();
    for (name, cell) in header.iter().zip(cells) {
        if cell.is_empty() {
            continue;
        }
        let list = || Value::Array(cell.split(';').map(|s| Value::String(s.into())).collect());
        match name.as_str() {
            "contacts" | "tags" => {
                out.insert(name.clone(), list());
            }
            "custom" => match serde_json::from_str(cell) {
                Ok(Value::Object(m)) => custom.extend(m),
                _ => return Err(format!("column custom is not a JSON object: {cell}")),
            },
            other => match other.strip_prefix("custom.") {
                Some(key) => {
                    custom.insert(key.to_string(), Value::String(cell.clone()));
                }
                None => {
                    out.insert(name.clone(), Value::String(cell.clone()));
                }
            },
        }
    }
    if !custom.is_empty() {
        out.insert("custom".into(), Value::Object(custom));
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndjson_keeps_line_numbers_and_reports_bad_lines() {
        let input = parse("{\"name\":\"A\"}\n\nnot json\n[1]\n", InputFormat::Ndjson).unwrap();
        let lines: Vec<usize> = input.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 3, 4]);
        assert!(input.records[0].value.is_ok());
        assert!(input.records[1]
            .value
            .as_ref()
            .unwrap_err()
            .contains("not valid JSON"));
        assert!(input.records[2].value.is_err());
    }

    #[test]
    fn csv_reads_export_columns() {
        let text = "name,amount,tags,custom.region,custom\nAcme,10.50,a;b,EMEA,\"{\"\"x\"\":1}\"\n";
        let input = parse(text, InputFormat::Csv).unwrap();
        let v = input.records[0].value.as_ref().unwrap();
        assert_eq!(input.records[0].line, 2);
        assert_eq!(v["amount"], "10.50");
        assert_eq!(v["tags"], serde_json::json!(["a", "b"]));
        assert_eq!(v["custom"], serde_json::json!({"region": "EMEA", "x": 1}));
    }

    #[test]
    fn a_json_array_numbers_its_items() {
        let input = parse("[{\"name\":\"A\"}, 3]", InputFormat::Json).unwrap();
        assert_eq!(input.records[1].line, 2);
        assert!(input.records[1].value.is_err());
        assert_eq!(guess("x.csv", ""), InputFormat::Csv);
        assert_eq!(guess("-", " ["), InputFormat::Json);
    }
}
