//! The borderless tables of the reports: columns two spaces apart, figures right-aligned, labels
//! cut with `…` and the least useful columns left out when the terminal is narrow.

use unicode_width::UnicodeWidthStr;

use crate::output::table::cut;

/// One column of a report table.
#[derive(Debug, Clone)]
pub(super) struct Column {
    pub(super) head: String,
    pub(super) cells: Vec<String>,
    pub(super) right: bool,
    /// The narrowest a label may be cut to (`…`); `None`: figures, never cut.
    pub(super) cut_to: Option<usize>,
    /// Columns with a priority are left out, lowest first, when the table is wider than the
    /// terminal.
    pub(super) drop: Option<u8>,
}

impl Column {
    pub(super) fn figures(head: &str, cells: Vec<String>) -> Column {
        Column {
            head: head.into(),
            cells,
            right: true,
            cut_to: None,
            drop: None,
        }
    }

    fn natural(&self) -> usize {
        self.cells
            .iter()
            .map(|c| c.width())
            .chain([self.head.width()])
            .max()
            .unwrap_or(0)
    }

    pub(super) fn least(&self) -> usize {
        self.cut_to
            .map_or(self.natural(), |min| min.min(self.natural()))
    }
}

/// Columns are two spaces apart.
pub(super) const GAP: usize = 2;

pub(super) fn table_width(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1)
}

/// The widths of `columns` in `room` columns: labels cut first, then (when `drop`) the droppable
/// columns left out; `None` when they still do not fit.
pub(super) fn fit(columns: &mut Vec<Column>, room: usize, drop: bool) -> Option<Vec<usize>> {
    loop {
        let least: Vec<usize> = columns.iter().map(Column::least).collect();
        if table_width(&least) <= room {
            break;
        }
        let lowest = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.drop.map(|p| (p, i)))
            .min();
        match lowest {
            Some((_, i)) if drop => {
                columns.remove(i);
            }
            _ => return None,
        }
    }
    let mut widths: Vec<usize> = columns.iter().map(Column::natural).collect();
    let mut excess = table_width(&widths).saturating_sub(room);
    for (w, c) in widths.iter_mut().zip(columns.iter()) {
        let give = excess.min(*w - c.least());
        *w -= give;
        excess -= give;
    }
    Some(widths)
}

/// The lines of a table: the header, then one line per row, cells padded to `widths`; a rule
/// before row `rule_before` when given.
pub(super) fn grid(
    columns: &[Column],
    widths: &[usize],
    rule_before: Option<usize>,
) -> Vec<String> {
    let line = |cell: &dyn Fn(&Column) -> &str| {
        let cells: Vec<String> = columns
            .iter()
            .zip(widths)
            .map(|(c, w)| {
                let text = cut(cell(c), *w);
                let pad = w.saturating_sub(text.width());
                if c.right {
                    format!("{}{text}", " ".repeat(pad))
                } else {
                    format!("{text}{}", " ".repeat(pad))
                }
            })
            .collect();
        cells.join(&" ".repeat(GAP))
    };
    let rows = columns.first().map_or(0, |c| c.cells.len());
    let mut lines = vec![line(&|c| &c.head)];
    for i in 0..rows {
        if rule_before == Some(i) {
            lines.push("─".repeat(table_width(widths)));
        }
        lines.push(line(&|c| &c.cells[i]));
    }
    lines
}

/// The lines as one text, without trailing spaces.
pub(super) fn finish_lines(lines: Vec<String>) -> String {
    let mut text = String::new();
    for line in lines {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}
