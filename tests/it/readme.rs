//! The README's vendor table is the one `crm vendors` prints: a test keeps them equal.

use std::path::Path;

const START: &str = "<!-- vendors:start -->";
const END: &str = "<!-- vendors:end -->";

/// The table between the markers, or a message saying what is wrong and how to fix it.
fn table_between_markers(readme: &str) -> Result<&str, String> {
    let start = readme
        .find(START)
        .ok_or_else(|| format!("README.md has no `{START}` marker"))?;
    let after = &readme[start + START.len()..];
    let end = after
        .find(END)
        .ok_or_else(|| format!("README.md has `{START}` but no `{END}` after it"))?;
    Ok(after[..end].trim_start_matches(['\r', '\n']))
}

#[test]
fn readme_vendor_table_matches_crm_vendors() {
    let expected = crm::cli::vendors::markdown();
    let fix = format!(
        "Run `{}`, or put this block in README.md (what `crm vendors` prints):\n\n{START}\n{expected}{END}\n",
        crm_generate::REGENERATE
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}\n{fix}", path.display()));
    let table =
        table_between_markers(&readme).unwrap_or_else(|problem| panic!("{problem}.\n{fix}"));
    assert!(
        table == expected,
        "README.md's vendor table differs from the capability data.\n{fix}"
    );
}

#[test]
fn the_marker_parser_finds_the_table_and_reports_what_is_missing() {
    let table = "| a |\n";
    assert_eq!(
        table_between_markers(&format!("# crm\n\n{START}\n{table}{END}\n")),
        Ok(table)
    );
    assert!(table_between_markers("# crm\n")
        .unwrap_err()
        .contains(START));
    assert!(table_between_markers(&format!("{START}\n{table}"))
        .unwrap_err()
        .contains(END));
}
