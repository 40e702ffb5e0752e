//! `crm vendors`: the capability table, printed from the data the adapters declare.

use crate::adapter::{Capabilities, Filter, IntoEnumIterator, Op};
use crate::context::Context;
use crate::error::Result;
use crate::model::Vendor;
use crate::output::{write_records, Format};

/// One row of the table: a verb or filter, and each vendor's support under the vendor's key.
#[derive(Debug, serde::Serialize)]
pub struct Row {
    pub feature: String,
    #[serde(flatten)]
    pub support: serde_json::Map<String, serde_json::Value>,
}

impl Row {
    /// The feature, then each vendor's cell in vendor order.
    fn cells(&self) -> Vec<String> {
        let support = self
            .support
            .values()
            .map(|v| v.as_str().unwrap_or_default());
        std::iter::once(self.feature.as_str())
            .chain(support)
            .map(str::to_string)
            .collect()
    }
}

pub fn rows() -> Vec<Row> {
    let row = |feature: String, cell: &dyn Fn(&Capabilities) -> String| Row {
        feature,
        support: Vendor::ALL
            .into_iter()
            .map(|v| (v.key().to_string(), cell(Capabilities::of(v)).into()))
            .collect(),
    };
    let mut rows: Vec<Row> = Op::iter()
        .map(|op| {
            row(op.describe().to_string(), &|c| {
                if c.supports(op) { "yes" } else { "-" }.to_string()
            })
        })
        .collect();
    rows.extend(Filter::iter().map(|f| {
        row(format!("deals list {}", f.flag()), &|c| match f {
            // What a vendor sorts by, not just whether it sorts.
            Filter::Sort => c.sorts_described(),
            _ => c.filter(f).symbol().to_string(),
        })
    }));
    rows
}

/// The table's header: `feature`, then the vendors as people know them.
fn header() -> Vec<&'static str> {
    std::iter::once("feature")
        .chain(Vendor::ALL.map(Vendor::display_name))
        .collect()
}

/// The table as Markdown, for the README (a test keeps the two equal).
pub fn markdown() -> String {
    let header = header();
    let mut out = format!(
        "| {} |\n|{}\n",
        header.join(" | "),
        " --- |".repeat(header.len())
    );
    for r in rows() {
        let mut cells = r.cells();
        cells[0] = format!("`{}`", cells[0]);
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// The markers around the generated table in README.md.
pub const README_START: &str = "<!-- vendors:start -->";
pub const README_END: &str = "<!-- vendors:end -->";

/// `readme` with the text between the markers replaced by [`markdown`], or why it cannot be.
pub fn with_readme_table(readme: &str) -> Result<String, String> {
    let start = readme
        .find(README_START)
        .ok_or_else(|| format!("README.md has no `{README_START}` marker"))?
        + README_START.len();
    let end = readme[start..]
        .find(README_END)
        .ok_or_else(|| format!("README.md has `{README_START}` but no `{README_END}` after it"))?
        + start;
    Ok(format!(
        "{}\n{}{}",
        &readme[..start],
        markdown(),
        &readme[end..]
    ))
}

pub fn run(ctx: &Context) -> Result<()> {
    let format = ctx.settings.output.unwrap_or(Format::Table);
    write_records(format, &ctx.streams, &header(), &rows(), Row::cells)
}
