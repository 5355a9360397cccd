//! The event loop: draw, wait for a key, a mouse event, a resize, a task's answer or a
//! tick, let `update` turn it into state and effects, and run the effects (`route`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyEventKind};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use tokio::sync::mpsc::{self, UnboundedSender};

use super::clicks::ClickTracker;
use super::effect::Effect;
use super::file_queue::{Disk, FileQueue};
use super::msg::{HandOff, Msg};
use super::route::{route, Route};
use super::signals::Signals;
use super::state::State;
use super::theme::Theme;
use super::{capture_mouse, clipboard, external, update, view, Session};
use crate::api::Client;

/// What the loop keeps besides the state: the terminal, the ways answers come back, and
/// the draft queue.
struct Runner<'t> {
    terminal: &'t mut DefaultTerminal,
    client: Arc<Client>,
    tx: UnboundedSender<Msg>,
    files: FileQueue,
    mouse: bool,
}

/// What the loop does after an effect.
enum Flow {
    Continue,
    Quit,
    /// Stop reading keys and lend the terminal to the editor.
    LendTerminal(HandOff, Option<PathBuf>),
}

pub(super) async fn run(terminal: &mut DefaultTerminal, session: Session) -> std::io::Result<()> {
    let size = terminal.size()?;
    let mut state = State::new(session.tenant, session.demo, size.width, size.height);
    state.storage = session.storage;
    state.guards = session.options.guards;
    let theme = Theme::from_env(session.options.palette);
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut runner = Runner {
        terminal,
        client: session.client,
        files: FileQueue::start(tx.clone(), Arc::new(Disk)),
        tx,
        mouse: session.options.mouse,
    };
    let mut events = EventStream::new();
    let mut signals = Signals::new()?;
    let mut clicks = ClickTracker::default();
    let mut ticks = tokio::time::interval(Duration::from_millis(100));
    let mut pending = first_effects(&mut state);
    loop {
        for effect in pending.drain(..) {
            match runner.run(effect)? {
                Flow::Continue => {}
                Flow::Quit => {
                    // Every draft asked for is on disk before the process ends.
                    runner.files.finish().await;
                    return Ok(());
                }
                Flow::LendTerminal(hand_off, dir) => {
                    drop(events);
                    runner.lend_terminal(hand_off, dir.as_deref())?;
                    events = EventStream::new();
                    // A Ctrl-C typed in the editor was the editor's, not ours.
                    signals = Signals::new()?;
                }
            }
        }
        runner.terminal.draw(|frame| view::draw(&state, frame, theme))?;
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
            _ = signals.next() => {
                // SIGTERM, SIGHUP, SIGINT: leave as quitting does, drafts written first;
                // `run` restores the terminal.
                runner.files.finish().await;
                return Ok(());
            }
        };
        if let Some(msg) = msg {
            pending = update::update(&mut state, msg);
        }
    }
}

/// The first page, and with a state directory: settling what a killed run left, the
/// drafts for the list's `✎`, the search history.
fn first_effects(state: &mut State) -> Vec<Effect> {
    let mut pending = update::list::reload(state);
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
    pending
}

impl Runner<'_> {
    /// Runs one effect, or says what the loop must do for it.
    fn run(&mut self, effect: Effect) -> std::io::Result<Flow> {
        match route(effect, self.client.clone()) {
            Route::Quit => return Ok(Flow::Quit),
            Route::Copy(text) => clipboard::copy(self.terminal.backend_mut(), &text)?,
            Route::ExternalEditor { hand_off, dir } => return Ok(Flow::LendTerminal(hand_off, dir)),
            Route::Draft(draft) => self.files.submit(draft),
            Route::Task(task) => {
                let tx = self.tx.clone();
                tokio::spawn(async move {
                    if let Some(msg) = task.await {
                        let _ = tx.send(msg);
                    }
                });
            }
        }
        Ok(Flow::Continue)
    }

    /// The editor gets the terminal and the keyboard (the loop reads no key meanwhile).
    fn lend_terminal(&mut self, hand_off: HandOff, dir: Option<&Path>) -> std::io::Result<()> {
        if self.mouse {
            capture_mouse(false)?;
        }
        ratatui::restore();
        // The editor gets a terminal as a shell leaves it: cursor shown.
        let _ = crossterm::execute!(std::io::stdout(), crossterm::cursor::Show);
        let command = external::editor_command(|name| std::env::var(name).ok());
        let result = external::edit(dir, &hand_off.text, &command);
        *self.terminal = ratatui::try_init()?;
        if self.mouse {
            capture_mouse(true)?;
        }
        // A fresh terminal redraws everything on the screen cleared here; asking ratatui
        // to clear would first query the cursor, which some terminals (and multiplexers
        // mid hand-back) answer late or never.
        ratatui::backend::Backend::clear(self.terminal.backend_mut())?;
        let _ = self.tx.send(Msg::ExternalEdited { hand_off, result });
        Ok(())
    }
}
