//! Turning a PATCH's answer into an established outcome: a clear answer is taken as
//! it is; an unclear one is settled by reading the user again and comparing with what
//! was expected and what was there before.

use super::compare::{differing, differing_in};
use super::Request;
use super::{Applied, Journaled, Saved};
use crate::api::{ApiError, Client};
use crate::domain::{FieldPath, LoadedUser, MetadataPair};
use crate::storage::journal::Outcome;

/// A PATCH that has left, and what to compare the server's copy with.
pub(super) struct Sent<'a> {
    pub client: &'a Client,
    pub request: &'a Request,
    pub base: &'a MetadataPair,
    pub expected: &'a MetadataPair,
}

impl Sent<'_> {
    /// Turns the PATCH's answer into an established outcome, reading the user again
    /// where the answer leaves it open.
    pub async fn settle(&self, answer: Result<LoadedUser, ApiError>) -> (Outcome, Result<Applied, ApiError>) {
        let err = match answer {
            Ok(user) => return self.saved(user, None),
            Err(err) if !unclear(&err) => {
                let outcome = Outcome::Failed {
                    status: err.status(),
                    message: err.to_string(),
                };
                return (outcome, Err(err));
            }
            Err(err) => err,
        };
        let written = self.request.body.written();
        let now = match self.client.get_user_loaded(&self.request.user_id).await {
            Ok(now) => now,
            Err(again) => {
                let reason = format!("{err}; reading the user again failed too: {again}");
                return unknown(reason, written);
            }
        };
        let held = &now.docs;
        if differing_in(&written, self.expected, held).is_empty() {
            self.saved(now, Some(err.to_string()))
        } else if differing_in(&written, self.base, held).is_empty() {
            let outcome = Outcome::Failed {
                status: err.status(),
                message: format!("{err} (the server still holds what was there before)"),
            };
            (outcome, Err(err))
        } else {
            unknown(err.to_string(), differing_in(&written, self.expected, held))
        }
    }

    fn saved(&self, user: LoadedUser, settled_after: Option<String>) -> (Outcome, Result<Applied, ApiError>) {
        let changed_meanwhile = differing(self.expected, &user.docs);
        let outcome = Outcome::Applied {
            updated_at: user.user.str("updated_at").map(String::from),
            changed_meanwhile: changed_meanwhile.iter().map(ToString::to_string).collect(),
        };
        let saved = Saved {
            user,
            written: self.request.body.written(),
            kept: Vec::new(),
            changed_meanwhile,
            settled_after,
            journal: Journaled::Off,
        };
        (outcome, Ok(Applied::Saved(saved)))
    }
}

fn unknown(reason: String, differing: Vec<FieldPath>) -> (Outcome, Result<Applied, ApiError>) {
    let outcome = Outcome::Unknown {
        reason: reason.clone(),
        differing: differing.iter().map(ToString::to_string).collect(),
    };
    (outcome, Ok(Applied::Unknown { reason, differing }))
}

/// An answer that does not say whether the change landed: no answer, a cut connection,
/// a server error, or a success whose body could not be read. A 4xx is a clear refusal.
fn unclear(err: &ApiError) -> bool {
    match err {
        ApiError::Api(refusal) => refusal.status >= 500,
        ApiError::Transport { .. } | ApiError::Timeout { .. } | ApiError::Decode(_) => true,
        ApiError::Token { .. } => false,
    }
}
