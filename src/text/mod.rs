//! Text fitted to terminal cells: a column, a status line or a table cell. Widths are
//! display widths (a CJK character or most emoji take two cells, a combining mark none),
//! never character counts, so wide text does not overflow its column.

mod visible;

pub use visible::{escape_json, hides_in_an_editor, is_hidden, json_visible, visible, visible_json, visible_key};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How many cells `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` in at most `room` cells, ending with `…` when cut.
pub fn cut(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_string();
    }
    cut_marked(text, room)
}

/// `text` cut to `room` cells with `…` at its end, whether or not it would fit: for text
/// that is itself the start of something longer.
pub fn cut_marked(text: &str, room: usize) -> String {
    let room = room.saturating_sub(1); // the `…`
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cells = c.width().unwrap_or(0);
        if used + cells > room {
            break;
        }
        used += cells;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` followed by spaces up to `cells` cells (`format!("{:<n}")` counts characters).
pub fn pad(text: &str, cells: usize) -> String {
    let mut out = text.to_string();
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(text.width())));
    out
}

/// A size for a person: `512 B`, `14.2 KB`, `1.0 MB` (1 KB = 1024 bytes, as Auth0 counts).
pub fn bytes(n: u64) -> String {
    match n {
        0..1024 => format!("{n} B"),
        1024..1_048_576 if n.is_multiple_of(1024) => format!("{} KB", n / 1024),
        1024..1_048_576 => format!("{:.1} KB", n as f64 / 1024.0),
        _ => format!("{:.1} MB", n as f64 / 1_048_576.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_two_cells() {
        assert_eq!(width("東京"), 4);
        assert_eq!(cut("東京都庁", 5), "東京…");
        assert_eq!(width(&cut("東京都庁", 5)), 5);
        assert_eq!(cut("東京都庁", 8), "東京都庁");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abc", 0), "…");
        assert_eq!(cut("", 0), "");
    }

    #[test]
    fn padding_fills_cells_not_characters() {
        assert_eq!(pad("東京", 6), "東京  ");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("abcdef", 4), "abcdef");
    }
}
