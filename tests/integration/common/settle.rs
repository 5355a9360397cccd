//! Driving the UI against the emulator over HTTP: effects are performed by the real
//! client and their answers fed back, as the event loop does.

use auth0_meta::api::Client;
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::file_queue::{Disk, FileQueue};
use auth0_meta::tui::route::{route, Route};
use auth0_meta::tui::state::State;
use auth0_meta::tui::update::update;

/// Performs effects and feeds their messages back until nothing is left to do. Draft
/// effects go through the same ordered queue the event loop uses.
pub async fn settle(state: &mut State, client: &Client, mut effects: Vec<Effect>) {
    while let Some(effect) = effects.pop() {
        match route(effect, client) {
            Route::Quit | Route::Copy(_) | Route::ExternalEditor { .. } => {}
            Route::Draft(draft) => {
                let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
                let queue = FileQueue::start(tx, std::sync::Arc::new(Disk));
                queue.submit(draft);
                queue.finish().await;
                while let Ok(msg) = rx.try_recv() {
                    effects.extend(update(state, msg));
                }
            }
            Route::Task(task) => {
                if let Some(msg) = task.await {
                    effects.extend(update(state, msg));
                }
            }
        }
    }
}
