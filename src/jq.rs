//! `--jq EXPR`: a jq filter over the JSON crm prints, run in-process with the jaq crates (no jq
//! binary needed). Compiled once at start-up, so a bad expression is a usage error before any
//! request; strings come out raw and other values as JSON, as `gh --jq` prints them.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{data, unwrap_valr, Compiler, Ctx, Vars};
use jaq_json::Val;

use crate::error::{Error, Result};

type Data = data::JustLut<Val>;

/// A compiled filter.
pub struct JqFilter {
    filter: jaq_core::Filter<Data>,
}

impl std::fmt::Debug for JqFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JqFilter")
    }
}

impl JqFilter {
    /// Compiles `code`; a bad expression is exit 2 with jaq's reading of it.
    pub fn compile(code: &str) -> Result<Self> {
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        let funs = jaq_core::funs()
            .chain(jaq_std::funs())
            .chain(jaq_json::funs());
        let arena = Arena::default();
        let modules = Loader::new(defs)
            .load(&arena, File { code, path: () })
            .map_err(|errors| {
                let mut found = Vec::new();
                for (_, error) in errors {
                    match error {
                        jaq_core::load::Error::Io(e) => {
                            found.extend(e.into_iter().map(|(_, m)| m));
                        }
                        jaq_core::load::Error::Lex(e) => found.extend(
                            e.into_iter()
                                .map(|(expect, at)| expected(expect.as_str(), at)),
                        ),
                        jaq_core::load::Error::Parse(e) => found.extend(
                            e.into_iter()
                                .map(|(expect, at)| expected(expect.as_str(), at)),
                        ),
                    }
                }
                bad(code, found)
            })?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errors| {
                let found = errors
                    .into_iter()
                    .flat_map(|(_, e)| e)
                    .map(|(name, kind)| format!("undefined {} {name}", kind.as_str()))
                    .collect();
                bad(code, found)
            })?;
        Ok(JqFilter { filter })
    }

    /// The filter's outputs for one JSON value, each on its own line (pretty when `pretty`).
    pub fn run(&self, input: &str, pretty: bool) -> Result<String> {
        let mut out = String::new();
        self.run_into(&mut out, input, pretty)?;
        Ok(out)
    }

    /// [`Self::run`] over every JSON value of `text` (a document, or one value a line),
    /// appended to `out`.
    pub fn run_into(&self, out: &mut String, text: &str, pretty: bool) -> Result<()> {
        for input in jaq_json::read::parse_many(text.as_bytes()) {
            let input = input.map_err(|e| {
                Error::usage(format!(
                    "--jq filters JSON, and crm's output here is not: {e}"
                ))
            })?;
            self.run_value(out, input, pretty)?;
        }
        Ok(())
    }

    fn run_value(&self, out: &mut String, input: Val, pretty: bool) -> Result<()> {
        let ctx = Ctx::<Data>::new(&self.filter.lut, Vars::new([]));
        for value in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            let value = value.map_err(|e| Error::usage(format!("--jq: {e}")))?;
            match &value {
                Val::TStr(text) => out.push_str(&String::from_utf8_lossy(text)),
                other if pretty => {
                    let pp = jaq_json::write::Pp {
                        indent: Some("  ".to_string()),
                        sep_space: true,
                        ..Default::default()
                    };
                    let mut bytes = Vec::new();
                    jaq_json::write::write(&mut bytes, &pp, 0, other).map_err(Error::internal)?;
                    out.push_str(&String::from_utf8_lossy(&bytes));
                }
                other => out.push_str(&other.to_string()),
            }
            out.push('\n');
        }
        Ok(())
    }
}

fn expected(what: &str, at: &str) -> String {
    match at.chars().take(20).collect::<String>() {
        rest if rest.is_empty() => format!("expected {what} at the end"),
        rest => format!("expected {what} before {rest:?}"),
    }
}

fn bad(code: &str, found: Vec<String>) -> Error {
    Error::usage_hint(
        format!("--jq {code:?}: {}", found.join("; ")),
        "the expression is jq's language, as jq and gh --jq read it",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_and_prints_as_gh_does() {
        let f = JqFilter::compile(".[] | select(.n > 1) | .name").unwrap();
        let out = f
            .run(r#"[{"name":"a","n":1},{"name":"b","n":2}]"#, false)
            .unwrap();
        assert_eq!(out, "b\n");
        let f = JqFilter::compile("{id, n: (.n + 1)}").unwrap();
        assert_eq!(
            f.run(r#"{"id":"7","n":1}"#, false).unwrap(),
            "{\"id\":\"7\",\"n\":2}\n"
        );
        assert_eq!(
            f.run(r#"{"id":"7","n":1}"#, true).unwrap(),
            "{\n  \"id\": \"7\",\n  \"n\": 2\n}\n"
        );
    }

    #[test]
    fn a_bad_expression_is_a_usage_error() {
        for code in [".[", "nosuchfunction(1)", "| x"] {
            let err = JqFilter::compile(code).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{code}: {err}");
        }
    }
}
