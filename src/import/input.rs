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
    let bytes = read_bytes(source)?;
    let format = format.unwrap_or_else(|| guess(source, &bytes));
    parse_bytes(&bytes, format)
}

/// The whole of `source`: a file, or stdin for `-`.
pub fn read_bytes(source: &str) -> Result<Vec<u8>> {
    if source == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::usage(format!("cannot read stdin: {e}")))?;
        return Ok(bytes);
    }
    std::fs::read(source).map_err(|e| Error::usage(format!("cannot read {source}: {e}")))
}

/// The whole of `source` as text; a byte that is not UTF-8 is an error naming its line.
pub fn read_text(source: &str) -> Result<String> {
    let bytes = read_bytes(source)?;
    utf8(&bytes).map(str::to_string).map_err(|e| {
        Error::usage_hint(
            format!("{}: {e}", if source == "-" { "stdin" } else { source }),
            "save the file as UTF-8",
        )
    })
}

/// The text of `bytes`, or where its first byte that is not UTF-8 is.
pub fn utf8(bytes: &[u8]) -> std::result::Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        let column = 1 + at
            - bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
        format!(
            "line {line}, column {column}: byte 0x{:02x} is not valid UTF-8",
            bytes[at]
        )
    })
}

fn guess(source: &str, bytes: &[u8]) -> InputFormat {
    let lower = source.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        InputFormat::Csv
    } else if bytes.trim_ascii_start().starts_with(b"[") {
        InputFormat::Json
    } else {
        InputFormat::Ndjson
    }
}

pub fn parse(text: &str, format: InputFormat) -> Result<Input> {
    parse_bytes(text.as_bytes(), format)
}

/// Parses records. A record that is not UTF-8 is malformed on its own (NDJSON, CSV) and the
/// others are read; a JSON array is one document, so a bad byte in it fails the whole input.
pub fn parse_bytes(bytes: &[u8], format: InputFormat) -> Result<Input> {
    let (records, header) = match format {
        InputFormat::Ndjson => (ndjson(bytes), Vec::new()),
        InputFormat::Json => {
            let text = utf8(bytes).map_err(|e| {
                Error::usage_hint(
                    format!("the JSON input is not UTF-8: {e}"),
                    "save the file as UTF-8, or give one deal per line (NDJSON) so that only \
                     the bad record is refused",
                )
            })?;
            (json_array(text)?, Vec::new())
        }
        InputFormat::Csv => csv_rows(bytes)?,
    };
    Ok(Input {
        format,
        records,
        header,
    })
}

fn ndjson(bytes: &[u8]) -> Vec<Record> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, l)| !l.trim_ascii().is_empty())
        .map(|(n, l)| {
            let l = l.strip_suffix(b"\r").unwrap_or(l);
            let (text, value) = match std::str::from_utf8(l) {
                Ok(text) => (
                    text.to_string(),
                    serde_json::from_str::<Value>(text)
                        .map_err(|e| format!("not valid JSON: {e}"))
                        .and_then(object),
                ),
                Err(e) => (
                    String::from_utf8_lossy(l).into_owned(),
                    Err(format!(
                        "not valid UTF-8: byte 0x{:02x} at column {}",
                        l[e.valid_up_to()],
                        e.valid_up_to() + 1
                    )),
                ),
            };
            Record {
                line: n + 1,
                original: Original::Line(text),
                value,
            }
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
fn csv_rows(bytes: &[u8]) -> Result<(Vec<Record>, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::usage(format!("cannot read the CSV header: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut records = Vec::new();
    for row in reader.byte_records() {
        let (line, original, value) = match row {
            Ok(row) => {
                let line = row.position().map_or(0, |p| p.line() as usize);
                let cells: std::result::Result<Vec<String>, String> = row
                    .iter()
                    .enumerate()
                    .map(|(i, cell)| {
                        std::str::from_utf8(cell).map(str::to_string).map_err(|e| {
                            format!(
                                "not valid UTF-8: byte 0x{:02x} in cell {}",
                                cell[e.valid_up_to()],
                                i + 1
                            )
                        })
                    })
                    .collect();
                match cells {
                    Ok(cells) => {
                        let value = csv_object(&header, &cells);
                        (line, cells, value)
                    }
                    Err(e) => {
                        let lossy = row
                            .iter()
                            .map(|c| String::from_utf8_lossy(c).into_owned())
                            .collect();
                        (line, lossy, Err(e))
                    }
                }
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
        assert_eq!(guess("x.csv", b""), InputFormat::Csv);
        assert_eq!(guess("-", b" ["), InputFormat::Json);
    }

    #[test]
    fn a_byte_that_is_not_utf8_spoils_only_its_record() {
        // Issue 15: one bad byte rejected the whole file, with no line number.
        let ndjson = b"{\"name\":\"A\"}\n{\"name\":\"B\xff\"}\n{\"name\":\"C\"}\n";
        let input = parse_bytes(ndjson, InputFormat::Ndjson).unwrap();
        assert_eq!(input.records.len(), 3);
        assert!(input.records[0].value.is_ok() && input.records[2].value.is_ok());
        let e = input.records[1].value.as_ref().unwrap_err();
        assert!(e.contains("UTF-8") && e.contains("0xff"), "{e}");
        assert_eq!(input.records[1].line, 2);

        let csv = b"name,amount\nA,1\nB\xfe,2\nC,3\n";
        let input = parse_bytes(csv, InputFormat::Csv).unwrap();
        assert_eq!(input.records.len(), 3);
        assert!(input.records[1]
            .value
            .as_ref()
            .unwrap_err()
            .contains("UTF-8"));
        assert_eq!(input.records[1].line, 3);
        assert!(input.records[2].value.is_ok());

        let e = parse_bytes(
            b"[{\"name\":\"A\"},\n{\"name\":\"\xc3\"}]",
            InputFormat::Json,
        )
        .err()
        .unwrap();
        assert!(e.to_string().contains("line 2, column 10"), "{e}");
    }
}
