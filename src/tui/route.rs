//! Where each effect runs: the one exhaustive `match` over `Effect`. The terminal's own
//! effects stay with the event loop, draft files go to the ordered queue, and the rest
//! become tasks. A new `Effect` variant does not compile until it is routed here.

use std::ops::Deref;
use std::path::PathBuf;

use std::future::Future;
use std::pin::Pin;

use super::effect::{DraftEffect, Effect};
use super::msg::{HandOff, Msg};
use super::{perform, perform_bulk};
use crate::api::Client;

/// A task's future, boxed so every task has one type.
pub type Task<'a> = Pin<Box<dyn Future<Output = Option<Msg>> + Send + 'a>>;

pub enum Route<'a> {
    /// Leave, once the draft queue has written everything asked for.
    Quit,
    /// Put text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Lend the terminal to `$VISUAL` / `$EDITOR`.
    ExternalEditor { hand_off: HandOff, dir: Option<PathBuf> },
    /// For the draft queue, which keeps the order asked.
    Draft(DraftEffect),
    /// Runs apart and ends in at most one message.
    Task(Task<'a>),
}

/// `client` is an `Arc` in the event loop (tasks outlive the loop's borrow) and a plain
/// reference in tests.
pub fn route<'a, C>(effect: Effect, client: C) -> Route<'a>
where
    C: Deref<Target = Client> + Send + Sync + 'a,
{
    match effect {
        Effect::Quit => Route::Quit,
        Effect::Copy(text) => Route::Copy(text),
        Effect::ExternalEditor { hand_off, dir } => Route::ExternalEditor { hand_off, dir },
        Effect::Draft(draft) => Route::Draft(draft),
        Effect::FetchPage { generation, query } => Route::Task(Box::pin(async move {
            perform::fetch_page(&client, generation, query).await
        })),
        Effect::FetchUser { id } => Route::Task(Box::pin(async move { perform::fetch_user(&client, id).await })),
        Effect::Apply { request, storage } => {
            Route::Task(Box::pin(async move { perform::send(&client, request, storage).await }))
        }
        Effect::ResolveJournal { storage } => {
            Route::Task(Box::pin(
                async move { perform::resolve_journal(&client, storage).await },
            ))
        }
        Effect::LoadJournal { file, tenant, user_id } => {
            Route::Task(Box::pin(perform::load_journal(file, tenant, user_id)))
        }
        Effect::Audit { query } => Route::Task(Box::pin(async move { perform::audit(&client, query).await })),
        Effect::FindingUsers(request) => Route::Task(Box::pin(perform::audit_users(request))),
        Effect::ListDrafts { dir } => Route::Task(Box::pin(perform::list_drafts(dir))),
        Effect::LoadQueries { file } => Route::Task(Box::pin(perform::load_queries(file))),
        Effect::SaveQueries { file, queries } => Route::Task(Box::pin(perform::save_queries(file, queries))),
        Effect::MarkAll { generation, query } => Route::Task(Box::pin(async move {
            perform_bulk::mark_all(&client, generation, query).await
        })),
        Effect::BulkRead(task) => Route::Task(Box::pin(async move { perform_bulk::dry_run(&client, task).await })),
        Effect::BulkRun(task) => Route::Task(Box::pin(async move { perform_bulk::run(&client, task).await })),
        Effect::StopBatch { watch, reason } => Route::Task(Box::pin(async move {
            watch.stop(reason);
            None
        })),
        Effect::LoadBatches { storage } => Route::Task(Box::pin(perform_bulk::load_batches(storage))),
    }
}
