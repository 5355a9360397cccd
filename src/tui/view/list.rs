//! The users list: one row per user, columns sized to the terminal.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Row, Table};
use ratatui::Frame;

use crate::domain::User;
use crate::text::{cut, visible, visible_key};
use crate::tui::state::State;
use crate::tui::theme::Theme;

/// From this width on, the list also shows the name and the full last-login time.
const WIDE: u16 = 110;
/// The marks column: `✓` (marked for a bulk change), `●` (has metadata), `✎` (a draft is
/// saved), `▲` (over Auth0's 10 KB profile cap), under "meta".
const MARKS: u16 = 7;

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
    let position = match list.users.len() {
        0 => String::new(),
        _ => format!("{} / ", list.cursor + 1),
    };
    let marked = match list.marked.len() {
        0 => String::new(),
        n => format!(" · {n} marked"),
    };
    let title = format!(
        " {query} · {position}{}{marked} · {} ",
        count_label(state),
        list.sort.label()
    );
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.title()));
    let wide = area.width >= WIDE;
    let (widths, titles) = columns(wide);
    // The widths the table will give each column, so a long cell ends with `…`.
    let room: Vec<usize> = Layout::horizontal(widths.clone())
        .spacing(1)
        .split(block.inner(area))
        .iter()
        .map(|r| usize::from(r.width))
        .collect();
    let rows: Vec<Row> = list
        .users
        .iter()
        .enumerate()
        .skip(list.scroll)
        .take(state.list_rows())
        .map(|(i, user)| {
            let drafted = list.drafted.contains(user.id());
            let heavy = list.heavy.contains(user.id());
            let over = list.over_cap.contains(user.id());
            let marked = list.marked.contains(user.id());
            let cells = cells(user, [marked, heavy, drafted, over], wide)
                .into_iter()
                .zip(&room)
                .map(|(c, w)| cut(&c, *w));
            let row = Row::new(cells);
            if i == list.cursor {
                row.style(theme.selected())
            } else {
                row
            }
        })
        .collect();
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
                Constraint::Length(MARKS),
                Constraint::Fill(3),
                Constraint::Fill(2),
                Constraint::Fill(2),
                Constraint::Length(16),
                Constraint::Length(6),
            ],
            vec!["meta", "user", "name", "connection", "last login", "logins"],
        )
    } else {
        (
            vec![
                Constraint::Length(MARKS),
                Constraint::Fill(3),
                Constraint::Fill(2),
                Constraint::Length(10),
                Constraint::Length(6),
            ],
            vec!["meta", "user", "connection", "last login", "logins"],
        )
    }
}

/// `✓` marked for a bulk change, `●` the user has metadata, `✎` a draft of edits is saved
/// for the user, `▲` the profile is over Auth0's cap.
fn cells(user: &User, [marked, heavy, drafted, over]: [bool; 4], wide: bool) -> Vec<String> {
    let marker = format!(
        "{}{} {} {}",
        if marked { "✓" } else { " " },
        if heavy || user.has_metadata() { "●" } else { " " },
        if drafted { "✎" } else { " " },
        if over { "▲" } else { " " }
    );
    let connection = visible(user.connections().first().copied().unwrap_or("")).into_owned();
    let identifier = visible_key(user.identifier()).into_owned();
    let logins = user.logins_count().map(|n| n.to_string()).unwrap_or_else(|| "-".into());
    let last_login = |len: usize| {
        user.str("last_login")
            .map(|t| visible(t.get(..len).unwrap_or(t)).replace('T', " "))
            .unwrap_or_else(|| "never".into())
    };
    if wide {
        vec![
            marker.clone(),
            identifier,
            visible(user.str("name").unwrap_or("")).into_owned(),
            connection,
            last_login(16),
            logins,
        ]
    } else {
        vec![marker.clone(), identifier, connection, last_login(10), logins]
    }
}
