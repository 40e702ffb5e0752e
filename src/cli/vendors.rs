//! `crm vendors`: the capability table, printed from the data the adapters declare.

use crate::adapter::{Capabilities, Filter, IntoEnumIterator, Op};
use crate::context::Context;
use crate::error::Result;
use crate::model::Vendor;
use crate::output::{write_records, Format};

/// One row of the table: a verb or filter and each vendor's support.
#[derive(Debug, serde::Serialize)]
pub struct Row {
    pub feature: String,
    pub hubspot: String,
    pub pipedrive: String,
    pub sell: String,
}

pub fn rows() -> Vec<Row> {
    let row = |feature: String, cell: &dyn Fn(&Capabilities) -> String| {
        let [h, p, s] = Vendor::ALL.map(|v| cell(Capabilities::of(v)));
        Row {
            feature,
            hubspot: h,
            pipedrive: p,
            sell: s,
        }
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

/// The table as Markdown, for the README (a test keeps the two equal).
pub fn markdown() -> String {
    let mut out = String::from(
        "| feature | HubSpot | Pipedrive | Zendesk Sell |\n| --- | --- | --- | --- |\n",
    );
    for r in rows() {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            r.feature, r.hubspot, r.pipedrive, r.sell
        ));
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
    let format = ctx.globals.output.unwrap_or(Format::Table);
    write_records(
        format,
        &ctx.streams,
        &["feature", "HubSpot", "Pipedrive", "Zendesk Sell"],
        &rows(),
        |r| {
            vec![
                r.feature.clone(),
                r.hubspot.clone(),
                r.pipedrive.clone(),
                r.sell.clone(),
            ]
        },
    )
}
