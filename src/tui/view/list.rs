//! The users list: one row per user, columns sized to the terminal.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Row, Table};
use ratatui::Frame;

use crate::domain::User;
use crate::tui::state::State;
use crate::tui::theme::Theme;

/// From this width on, the list also shows the name and the full last-login time.
const WIDE: u16 = 110;

fn count_label(state: &State) -> String {
    let list = &state.list;
    match list.total {
        None => "…".into(),
        Some(_) if list.window_hit() => "1000+ (refine the search)".into(),
        Some(1) => "1 user".into(),
        Some(n) => format!("{n} users"),
    }
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect, theme: Theme) {
    let list = &state.list;
    let query = if list.query.is_empty() {
        "all users".to_string()
    } else {
        format!("q: {}", list.query)
    };
    let title = format!(" {query} · {} · {} ", count_label(state), list.sort.label());
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title()));
    let wide = area.width >= WIDE;
    let rows: Vec<Row> = list
        .users
        .iter()
        .enumerate()
        .skip(list.scroll)
        .take(state.list_rows())
        .map(|(i, user)| {
            let row = Row::new(cells(user, wide));
            if i == list.cursor {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
    let (widths, titles) = columns(wide);
    let table = Table::new(rows, widths)
        .header(Row::new(titles).style(theme.dim()))
        .block(block)
        .column_spacing(1);
    frame.render_widget(table, area);
}

/// Column widths and titles: the name and the full last-login time only when wide.
fn columns(wide: bool) -> (Vec<Constraint>, Vec<&'static str>) {
    if wide {
        (
            vec![
                Constraint::Length(1),
                Constraint::Fill(3),
                Constraint::Fill(2),
                Constraint::Fill(2),
                Constraint::Length(16),
                Constraint::Length(6),
            ],
            vec!["", "user", "name", "connection", "last login", "logins"],
        )
    } else {
        (
            vec![
                Constraint::Length(1),
                Constraint::Fill(3),
                Constraint::Fill(2),
                Constraint::Length(10),
                Constraint::Length(6),
            ],
            vec!["", "user", "connection", "last login", "logins"],
        )
    }
}

fn cells(user: &User, wide: bool) -> Vec<String> {
    let marker = if user.has_metadata() { "●" } else { " " };
    let connection = user.connections().first().copied().unwrap_or("").to_string();
    let logins = user.logins_count().map(|n| n.to_string()).unwrap_or_else(|| "-".into());
    let last_login = |len: usize| {
        user.str("last_login")
            .map(|t| t.get(..len).unwrap_or(t).replace('T', " "))
            .unwrap_or_else(|| "never".into())
    };
    if wide {
        vec![
            marker.into(),
            user.identifier().to_string(),
            user.str("name").unwrap_or("").to_string(),
            connection,
            last_login(16),
            logins,
        ]
    } else {
        vec![
            marker.into(),
            user.identifier().to_string(),
            connection,
            last_login(10),
            logins,
        ]
    }
}
