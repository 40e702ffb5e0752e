//! Tables that fit the terminal: which columns a deal table shows, how wide each one may be, and
//! where a long name is cut. comfy-table draws them (dynamic arrangement, one constraint per
//! column); this module decides the widths so that dates, ids and amounts never wrap.

use comfy_table::{
    presets::UTF8_FULL_CONDENSED, CellAlignment, ColumnConstraint, ContentArrangement, Row, Table,
    Width,
};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How a column behaves when the terminal is narrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Always as wide as its widest cell: ids, amounts, dates, codes.
    Whole,
    /// Shrinks down to `min` columns, its cells cut with `…`: names.
    Cut { min: usize },
}

/// One column of a table: its header, its cells, and how it fits.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub cells: Vec<String>,
    pub fit: Fit,
    pub right: bool,
    /// Columns with a priority are dropped, lowest first, when even their minimum widths do not
    /// fit; `None` is never dropped.
    pub drop_priority: Option<u8>,
}

impl Column {
    pub fn new(header: &str, cells: Vec<String>, fit: Fit) -> Column {
        Column {
            header: header.to_string(),
            cells,
            fit,
            right: false,
            drop_priority: None,
        }
    }

    fn natural(&self) -> usize {
        self.cells
            .iter()
            .flat_map(|c| c.lines())
            .map(UnicodeWidthStr::width)
            .chain(std::iter::once(self.header.width()))
            .max()
            .unwrap_or(0)
    }

    fn least(&self) -> usize {
        match self.fit {
            Fit::Whole => self.natural(),
            Fit::Cut { min } => min.min(self.natural()).max(self.header.width().min(min)),
        }
    }
}

/// What the borders and padding of `n` columns take (`│ a ┆ b │`).
fn frame(n: usize) -> usize {
    3 * n + 1
}

/// The columns that fit `width` (dropping the lowest priorities first), with the width each
/// gets; without a width, every column at its natural width.
fn arrange(mut columns: Vec<Column>, width: Option<usize>) -> Vec<(Column, usize)> {
    let Some(width) = width else {
        return columns
            .into_iter()
            .map(|c| {
                let w = c.natural();
                (c, w)
            })
            .collect();
    };
    loop {
        let least: usize = columns.iter().map(Column::least).sum();
        if least + frame(columns.len()) <= width {
            break;
        }
        let lowest = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.drop_priority.map(|p| (p, i)))
            .min();
        match lowest {
            Some((_, i)) => {
                columns.remove(i);
            }
            None => break,
        }
    }
    let mut widths: Vec<usize> = columns.iter().map(Column::least).collect();
    let naturals: Vec<usize> = columns.iter().map(Column::natural).collect();
    let mut room = width.saturating_sub(frame(columns.len()) + widths.iter().sum::<usize>());
    // One column at a time to each name that is still cut, so they share what is left.
    while room > 0 {
        let mut grew = false;
        for (w, natural) in widths.iter_mut().zip(&naturals) {
            if room > 0 && *w < *natural {
                *w += 1;
                room -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    columns.into_iter().zip(widths).collect()
}

/// `text` in at most `width` columns, cut with `…` when it is longer; one line.
pub fn cut(text: &str, width: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    let more_lines = text.lines().nth(1).is_some();
    if line.width() <= width && !more_lines {
        return line.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    // "Qualified…", not "Qualified …".
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// A table of `columns` for a terminal `width` columns wide (`None`: as wide as it needs).
pub fn render(columns: Vec<Column>, width: Option<u16>) -> String {
    let arranged = arrange(columns, width.map(usize::from));
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_truncation_indicator("…");
    if let Some(w) = width {
        table.set_width(w);
    }
    table.set_header(arranged.iter().map(|(c, w)| cut(&c.header, *w)));
    let rows = arranged.first().map_or(0, |(c, _)| c.cells.len());
    for i in 0..rows {
        let mut row = Row::from(arranged.iter().map(|(c, w)| match c.fit {
            Fit::Cut { .. } => cut(&c.cells[i], *w),
            Fit::Whole => c.cells[i].clone(),
        }));
        row.max_height(1);
        table.add_row(row);
    }
    for (i, (c, w)) in arranged.iter().enumerate() {
        if let Some(col) = table.column_mut(i) {
            col.set_constraint(match c.fit {
                Fit::Whole => ColumnConstraint::ContentWidth,
                // comfy-table's width includes the column's padding, one space each side.
                Fit::Cut { .. } => ColumnConstraint::Absolute(Width::Fixed(*w as u16 + 2)),
            });
            if c.right {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    format!("{table}\n")
}

/// A table of plain records (stages, fields, profiles, …): every column shrinks and wraps.
pub fn plain(headers: &[&str], rows: Vec<Vec<String>>, width: Option<u16>) -> String {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.iter().copied());
    if let Some(w) = width {
        table.set_width(w);
    }
    for row in rows {
        table.add_row(row);
    }
    format!("{table}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Column {
        Column::new(
            "name",
            vec!["Wayne Enterprises: Support Plan".into(), "Acme".into()],
            Fit::Cut { min: 10 },
        )
    }

    fn dates() -> Column {
        Column::new(
            "close_date",
            vec!["2026-02-11".into(), "2026-05-25".into()],
            Fit::Whole,
        )
    }

    #[test]
    fn names_are_cut_and_dates_never_wrap() {
        let text = render(vec![names(), dates()], Some(30));
        for line in text.lines() {
            assert!(line.width() <= 30, "{line:?} is wider than 30:\n{text}");
        }
        assert!(text.contains("2026-02-11"), "{text}");
        assert!(text.contains('…'), "{text}");
        assert_eq!(text.lines().count(), 6, "one line per row:\n{text}");
    }

    #[test]
    fn wide_terminals_show_everything() {
        let text = render(vec![names(), dates()], Some(200));
        assert!(text.contains("Wayne Enterprises: Support Plan"), "{text}");
        assert!(!text.contains('…'), "{text}");
    }

    #[test]
    fn columns_are_dropped_lowest_priority_first_when_nothing_else_fits() {
        let mut owner = Column::new(
            "owner",
            vec!["Katherine Johnson".into()],
            Fit::Cut { min: 8 },
        );
        owner.drop_priority = Some(1);
        let mut status = Column::new("status", vec!["open".into()], Fit::Whole);
        status.drop_priority = Some(0);
        let id = Column::new("id", vec!["9000001".into()], Fit::Whole);
        let kept: Vec<String> = arrange(vec![id, status, owner], Some(22))
            .into_iter()
            .map(|(c, _)| c.header)
            .collect();
        assert_eq!(kept, ["id", "owner"]);
    }

    #[test]
    fn cut_counts_display_columns() {
        assert_eq!(cut("Acme", 10), "Acme");
        assert_eq!(cut("Wayne Enterprises", 8), "Wayne E…");
        assert_eq!(cut("Qualified To Buy", 11), "Qualified…");
        assert_eq!(cut("日本語テキスト", 7), "日本語…");
        assert_eq!(cut("two\nlines", 10), "two…");
    }
}
