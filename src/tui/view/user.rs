//! The user view: a profile summary, the two metadata trees, and the selected path.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::domain::validate::{PROFILE_ALLOWANCE, PROFILE_CAP};
use crate::domain::{FieldPath, MetadataPair, User};
use crate::preview::profile_size;
use crate::text::{bytes, visible, visible_key};
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
    let size = Size::of(view);
    if profile.height == 1 {
        draw_profile_line(&view.user, &size, frame, profile, theme);
    } else {
        draw_profile(&view.user, &size, frame, profile, theme);
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
                weights: view.weights,
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

/// The profile's size against Auth0's cap, as the server holds it and after the edits.
struct Size {
    stored: u64,
    edited: Option<u64>,
}

impl Size {
    fn of(view: &UserView) -> Self {
        let stored = profile_size(&view.user, &view.stored()) as u64;
        let edited = view.is_dirty().then(|| {
            let current = MetadataPair {
                user_metadata: view.panes[0].current().clone(),
                app_metadata: view.panes[1].current().clone(),
            };
            profile_size(&view.user, &current) as u64
        });
        Self { stored, edited }
    }

    /// `14.2 KB · cap 10.0 KB`, `→ 9.8 KB after the edits` when they change it.
    fn text(&self) -> String {
        let mut text = format!("{} · cap {}", bytes(self.stored), bytes(PROFILE_CAP as u64));
        if self.stored > PROFILE_ALLOWANCE as u64 {
            text.push_str(" · over the allowance");
        } else if self.stored > PROFILE_CAP as u64 {
            text.push_str(" · over");
        }
        if let Some(edited) = self.edited.filter(|e| *e != self.stored) {
            text.push_str(&format!(" · {} after the edits", bytes(edited)));
        }
        text
    }

    fn over(&self) -> bool {
        self.stored.max(self.edited.unwrap_or(0)) > PROFILE_CAP as u64
    }
}

fn draw_profile(user: &User, size: &Size, frame: &mut Frame, area: Rect, theme: Theme) {
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
        Line::from(vec![
            Span::styled(format!(" {:<12}", "size"), theme.dim()),
            Span::styled(size.text(), if size.over() { theme.error() } else { theme.dim() }),
        ]),
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
fn draw_profile_line(user: &User, size: &Size, frame: &mut Frame, area: Rect, theme: Theme) {
    let last_login = user.str("last_login").map_or("never", |t| t.get(..10).unwrap_or(t));
    let mut rest = format!(
        " · {} · {} · last login {} · {}",
        visible_key(user.id()),
        visible(&user.connections().join(", ")),
        visible(last_login),
        size.text()
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
