//! The terminal UI: key events become messages, a pure `update` turns state and message
//! into new state and effects, effects run in tasks and answer with messages, and `view`
//! draws the state.

pub mod audit_screen;
pub mod batch_watch;
pub mod bulk_screen;
mod clicks;
pub mod clipboard;
pub mod compare_screen;
pub mod conflict_screen;
pub mod effect;
mod event_loop;
pub mod external;
pub mod file_queue;
pub mod keymap;
pub mod layout;
pub mod msg;
pub mod overlay;
pub mod pane;
pub mod perform;
pub mod perform_bulk;
pub mod preview_screen;
pub mod route;
mod signals;
pub mod state;
pub mod theme;
pub mod tree_search;
pub mod update;
pub mod user_list;
pub mod user_view;
pub mod view;
pub mod widgets;

use std::sync::Arc;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};

use crate::api::Client;
use crate::profile::Guards;
use crate::storage::Storage;

/// How this run looks and what it guards, from flags and the chosen tenant.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub guards: Guards,
    pub palette: theme::Palette,
    /// Wheel, clicks and double clicks; `--no-mouse` leaves the mouse to the terminal.
    pub mouse: bool,
}

/// What one run of the TUI works on.
pub struct Session {
    pub client: Arc<Client>,
    /// The tenant's label in the header: its domain, or `demo`.
    pub tenant: String,
    pub demo: bool,
    /// Where drafts and the journal live; `None` when no state directory is found.
    pub storage: Option<Storage>,
    pub options: Options,
}

/// Runs the UI until the user quits. The terminal is restored on return, on error and
/// on panic (ratatui's hook restores it before the panic message is printed).
pub async fn run(session: Session) -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let mouse = session.options.mouse;
    if mouse {
        capture_mouse(true)?;
        // Runs before ratatui's own hook, which restores the rest of the terminal.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = capture_mouse(false);
            previous(info);
        }));
    }
    let result = event_loop::run(&mut terminal, session).await;
    if mouse {
        let _ = capture_mouse(false);
    }
    ratatui::restore();
    result
}

fn capture_mouse(on: bool) -> std::io::Result<()> {
    if on {
        crossterm::execute!(std::io::stdout(), EnableMouseCapture)
    } else {
        crossterm::execute!(std::io::stdout(), DisableMouseCapture)
    }
}
