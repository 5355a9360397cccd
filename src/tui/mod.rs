//! The terminal UI: key events become messages, a pure `update` turns state and message
//! into new state and effects, effects run in tasks and answer with messages, and `view`
//! draws the state.

pub mod clipboard;
pub mod compare_screen;
pub mod conflict_screen;
pub mod effect;
pub mod external;
pub mod file_queue;
pub mod keymap;
pub mod layout;
pub mod msg;
pub mod overlay;
pub mod pane;
pub mod perform;
pub mod preview_screen;
pub mod state;
pub mod theme;
pub mod tree_search;
pub mod update;
pub mod user_list;
pub mod user_view;
pub mod view;
pub mod widgets;

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyEventKind};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use crate::api::Client;
use crate::profile::Guards;
use crate::storage::Storage;
use effect::Effect;
use file_queue::{Disk, FileQueue};
use msg::Msg;
use perform::perform;
use state::State;
use theme::Theme;

/// Runs the UI until the user quits. The terminal is restored on return, on error and
/// on panic (ratatui's hook restores it before the panic message is printed).
/// How this run looks and what it guards, from flags and the chosen tenant.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub guards: Guards,
    pub palette: theme::Palette,
    /// Wheel, clicks and double clicks; `--no-mouse` leaves the mouse to the terminal.
    pub mouse: bool,
}

pub async fn run(
    client: Arc<Client>,
    tenant: String,
    demo: bool,
    storage: Option<Storage>,
    options: Options,
) -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let mouse = options.mouse;
    if mouse {
        capture_mouse(true)?;
        // Runs before ratatui's own hook, which restores the rest of the terminal.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = capture_mouse(false);
            previous(info);
        }));
    }
    let result = event_loop(&mut terminal, client, tenant, demo, storage, options).await;
    if mouse {
        let _ = capture_mouse(false);
    }
    ratatui::restore();
    result
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    client: Arc<Client>,
    tenant: String,
    demo: bool,
    storage: Option<Storage>,
    options: Options,
) -> std::io::Result<()> {
    let size = terminal.size()?;
    let mut state = State::new(tenant, demo, size.width, size.height);
    state.storage = storage;
    state.guards = options.guards;
    let theme = Theme::from_env(options.palette);
    let mouse = options.mouse;
    let mut clicks = ClickTracker::default();
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let files = FileQueue::start(tx.clone(), Arc::new(Disk));
    let mut events = EventStream::new();
    let mut ticks = tokio::time::interval(Duration::from_millis(100));
    let mut pending = update::list::reload(&mut state);
    if let Some(storage) = &state.storage {
        pending.push(Effect::ResolveJournal {
            storage: storage.clone(),
        });
        pending.push(Effect::ListDrafts {
            dir: storage.drafts_dir(),
        });
        pending.push(Effect::LoadQueries {
            file: storage.queries_file(),
        });
    }
    loop {
        for effect in pending.drain(..) {
            if effect == Effect::Quit {
                // Every draft asked for is on disk before the process ends.
                files.finish().await;
                return Ok(());
            }
            if let Effect::Copy(text) = &effect {
                clipboard::copy(terminal.backend_mut(), text)?;
                continue;
            }
            if let Effect::ExternalEditor { hand_off, dir } = effect {
                // The editor gets the terminal and the keyboard; no key is read meanwhile.
                drop(events);
                if mouse {
                    capture_mouse(false)?;
                }
                ratatui::restore();
                let command = external::editor_command(|name| std::env::var(name).ok());
                let result = external::edit(dir.as_deref(), &hand_off.text, &command);
                *terminal = ratatui::try_init()?;
                if mouse {
                    capture_mouse(true)?;
                }
                // A fresh terminal redraws everything on the screen cleared here; asking
                // ratatui to clear would first query the cursor, which some terminals
                // (and multiplexers mid hand-back) answer late or never.
                ratatui::backend::Backend::clear(terminal.backend_mut())?;
                events = EventStream::new();
                let _ = tx.send(Msg::ExternalEdited { hand_off, result });
                continue;
            }
            if FileQueue::takes(&effect) {
                files.submit(effect);
                continue;
            }
            let (client, tx) = (client.clone(), tx.clone());
            tokio::spawn(async move {
                if let Some(msg) = perform(effect, &client).await {
                    let _ = tx.send(msg);
                }
            });
        }
        terminal.draw(|frame| view::draw(&state, frame, theme))?;
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind == KeyEventKind::Press => Some(Msg::Key(key)),
                Some(Ok(Event::Resize(width, height))) => Some(Msg::Resize(width, height)),
                Some(Ok(Event::Mouse(event))) => Some(Msg::Mouse { double: clicks.double(&event), event }),
                Some(Ok(_)) => None,
                Some(Err(err)) => return Err(err),
                None => return Ok(()),
            },
            Some(msg) = rx.recv() => Some(msg),
            _ = ticks.tick(), if state.wants_ticks() => Some(Msg::Tick),
        };
        if let Some(msg) = msg {
            pending = update::update(&mut state, msg);
        }
    }
}

fn capture_mouse(on: bool) -> std::io::Result<()> {
    use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    if on {
        crossterm::execute!(std::io::stdout(), EnableMouseCapture)
    } else {
        crossterm::execute!(std::io::stdout(), DisableMouseCapture)
    }
}

/// Tells a double click: a second left click on the same cell soon after the first.
#[derive(Default)]
struct ClickTracker {
    last: Option<(u16, u16, std::time::Instant)>,
}

impl ClickTracker {
    const WITHIN: Duration = Duration::from_millis(400);

    fn double(&mut self, event: &crossterm::event::MouseEvent) -> bool {
        use crossterm::event::{MouseButton, MouseEventKind};
        if event.kind != MouseEventKind::Down(MouseButton::Left) {
            return false;
        }
        let now = std::time::Instant::now();
        let double = self
            .last
            .is_some_and(|(c, r, at)| (c, r) == (event.column, event.row) && now.duration_since(at) < Self::WITHIN);
        self.last = if double {
            None
        } else {
            Some((event.column, event.row, now))
        };
        double
    }
}
