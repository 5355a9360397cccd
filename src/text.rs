//! Text cut to fit a column, a status line or a table cell.

/// `text` in at most `room` characters, ending with `…` when cut.
pub fn cut(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(room.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}
