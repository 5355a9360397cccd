//! The bulk tasks: every id of a search for `*`, a bulk change's dry run and its batch
//! (`crate::batch`, as the command line runs them), and the tenant's batches. Each ends in
//! one `Msg`; how far a dry run or a batch has come is on its `Watch` meanwhile.

use crate::api::{Client, ListQuery};
use crate::batch::{self, Change};
use crate::storage::batch_status::BatchStatus;

use super::effect::BulkTask;
use super::msg::Msg;
use super::user_list::SEARCH_WINDOW;

/// Users a page of `*` asks for (Auth0's most).
const MARK_PAGE: u32 = 100;

pub async fn mark_all(client: &Client, generation: u64, mut query: ListQuery) -> Option<Msg> {
    query.fields = vec!["user_id"];
    query.per_page = MARK_PAGE;
    let (mut ids, mut total) = (Vec::new(), None);
    for page in 0..(SEARCH_WINDOW as u32).div_ceil(MARK_PAGE) {
        query.page = page;
        let found = match client.list_users(&query).await {
            Ok(found) => found,
            Err(err) => {
                return Some(Msg::MarkedAll {
                    generation,
                    result: Err(err),
                })
            }
        };
        total = Some(found.total);
        let last = found.users.len() < MARK_PAGE as usize;
        ids.extend(found.users.iter().map(|u| u.id().to_string()));
        if last {
            break;
        }
    }
    Some(Msg::MarkedAll {
        generation,
        result: Ok((ids, total)),
    })
}

/// `change_and_users` on the blocking pool: a revert reads the journal, which may be large.
async fn change_and_users_apart(task: &BulkTask) -> Result<(Change, Vec<String>), String> {
    let task = task.clone();
    tokio::task::spawn_blocking(move || change_and_users(&task))
        .await
        .unwrap_or_else(|e| Err(e.to_string()))
}

/// The change the task names, and its users (a revert's: those its batch changed).
fn change_and_users(task: &BulkTask) -> Result<(Change, Vec<String>), String> {
    let words = &task.words;
    let change = Change::named(&task.storage, &words.operation, &words.args, words.force)?;
    let ids = match (&task.ids, &change) {
        (Some(ids), _) => ids.to_vec(),
        (None, Change::Revert { .. }) => {
            let reverted = words.args.first().map(String::as_str).unwrap_or_default();
            batch::applied_entries(&task.storage, reverted)?
                .into_iter()
                .map(|e| e.user_id)
                .collect()
        }
        (None, Change::Op(_)) => Vec::new(),
    };
    Ok((change, ids))
}

pub async fn dry_run(client: &Client, task: Box<BulkTask>) -> Option<Msg> {
    let result = async {
        let (change, ids) = change_and_users_apart(&task).await?;
        let watch = task.watch.clone();
        let read = batch::dry_run(client, &change, &ids, task.watch.stopped(), |n| watch.set_read(n)).await?;
        Ok((read, ids))
    }
    .await;
    Some(Msg::BulkRead(result))
}

pub async fn run(client: &Client, task: Box<BulkTask>) -> Option<Msg> {
    let result = async {
        let storage = &task.storage;
        let (batch, plan) = match &task.resume {
            Some(id) => {
                let batch = storage.batch(id);
                let plan = batch.plan().map_err(|e| format!("batch {id}: {e}"))?;
                (batch, plan)
            }
            None => {
                let (_, ids) = change_and_users_apart(&task).await?;
                batch::create(storage, task.words.clone(), &ids)?
            }
        };
        task.watch.set_tally(&batch::Tally {
            id: plan.id.clone(),
            total: plan.total,
            ..Default::default()
        });
        let watch = task.watch.clone();
        batch::run(client, storage, &batch, &plan, false, task.watch.stopped(), |tally| {
            watch.set_tally(tally)
        })
        .await
    }
    .await;
    Some(Msg::BulkRan(result))
}

pub async fn load_batches(storage: crate::storage::Storage) -> Option<Msg> {
    let result = tokio::task::spawn_blocking(move || {
        let ids = storage.batch_ids().map_err(|e| e.to_string())?;
        let mut rows: Vec<BatchStatus> = ids.iter().filter_map(|id| storage.batch(id).status().ok()).collect();
        rows.reverse();
        Ok(rows)
    })
    .await
    .unwrap_or_else(|e| Err(e.to_string()));
    Some(Msg::BatchesLoaded(result))
}
