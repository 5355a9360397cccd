//! The user view: a profile summary, the two metadata trees, and the selected path.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::domain::{FieldPath, User};
use crate::text::{visible, visible_key};
use crate::tui::layout::{self, UserAreas};
use crate::tui::state::UserView;
use crate::tui::theme::Theme;
use crate::tui::widgets::tree::TreeWidget;

pub fn draw(view: &UserView, frame: &mut Frame, area: Rect, theme: Theme) {
    let UserAreas {
        profile,
        trees: areas,
        path,
    } = layout::user(area);
    if profile.height == 1 {
        draw_profile_line(&view.user, frame, profile, theme);
    } else {
        draw_profile(&view.user, frame, profile, theme);
    }
    for (i, pane) in view.panes.iter().enumerate() {
        let search = view.search.as_ref();
        frame.render_widget(
            TreeWidget {
                pane,
                focused: i == view.focus,
                theme,
                matches: search.map_or(&[], |s| s.matches_in(i, pane.tree.version())),
                position: search.and_then(|s| s.position(i)),
            },
            areas[i],
        );
    }
    let pane = view.pane();
    let selected = pane
        .tree
        .locate(pane.cursor)
        .map(|at| FieldPath::new(pane.field, at.path).to_string());
    let line = Line::from(vec![
        Span::styled(" path ", theme.dim()),
        Span::styled(visible_key(&selected.unwrap_or_default()).into_owned(), theme.key()),
    ]);
    frame.render_widget(Paragraph::new(line), path);
}

fn draw_profile(user: &User, frame: &mut Frame, area: Rect, theme: Theme) {
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!(" {name:<12}"), theme.dim()),
            Span::raw(visible(&value).into_owned()),
        ])
    };
    let or_dash = |value: Option<&str>| value.unwrap_or("-").to_string();
    let left = vec![
        field("user_id", visible_key(user.id()).into_owned()),
        field(
            "email",
            visible_key(&or_dash(user.str("email").or(user.str("phone_number")))).into_owned(),
        ),
        field("name", or_dash(user.str("name"))),
        field("connections", user.connections().join(", ")),
        field("blocked", if user.blocked() { "yes".into() } else { "no".into() }),
    ];
    let right = vec![
        field("created", or_dash(user.str("created_at"))),
        field("updated", or_dash(user.str("updated_at"))),
        field(
            "last login",
            user.str("last_login").map_or_else(|| "never".into(), String::from),
        ),
        field(
            "logins",
            user.logins_count().map_or_else(|| "0".into(), |n| n.to_string()),
        ),
    ];
    let block = Block::default()
        .borders(Borders::TOP | Borders::BOTTOM)
        .title(Span::styled(
            format!(" {} ", visible_key(user.identifier())),
            theme.title(),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [a, b] = Layout::horizontal([Constraint::Ratio(1, 2); 2]).areas(inner);
    frame.render_widget(Paragraph::new(left), a);
    frame.render_widget(Paragraph::new(right), b);
}

/// The profile in one line, for short terminals: who, and the essentials.
fn draw_profile_line(user: &User, frame: &mut Frame, area: Rect, theme: Theme) {
    let last_login = user.str("last_login").map_or("never", |t| t.get(..10).unwrap_or(t));
    let mut rest = format!(
        " · {} · {} · last login {}",
        visible_key(user.id()),
        visible(&user.connections().join(", ")),
        visible(last_login)
    );
    if user.blocked() {
        rest.push_str(" · BLOCKED");
    }
    let name = format!(" {}", visible_key(user.identifier()));
    let room = usize::from(area.width).saturating_sub(crate::text::width(&name));
    let line = Line::from(vec![
        Span::styled(name, theme.title()),
        Span::styled(crate::text::cut(&rest, room), theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}
