//! What `update` asks the outside world to do, and the code that does it. Effects run
//! in tasks outside the UI; each ends in exactly one `Msg`.

use crate::api::{Client, ListQuery};

use super::msg::Msg;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    FetchPage { generation: u64, query: ListQuery },
    FetchUser { id: String },
    Quit,
}

/// Runs one effect against the API. `Quit` is the loop's to handle and never gets here.
pub async fn perform(effect: Effect, client: &Client) -> Option<Msg> {
    match effect {
        Effect::FetchPage { generation, query } => {
            let result = client.list_users(&query).await;
            Some(Msg::PageLoaded {
                generation,
                result,
                rate: client.rate_limit(),
            })
        }
        Effect::FetchUser { id } => {
            let result = client.get_user(&id).await;
            Some(Msg::UserLoaded {
                id,
                result,
                rate: client.rate_limit(),
            })
        }
        Effect::Quit => None,
    }
}
