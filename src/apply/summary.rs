//! A saved change in one line for a person: what was written, and what else happened on
//! the server (an unclear answer settled, keys kept, keys changed while sending).

use super::Saved;
use crate::domain::field_path::join;

impl Saved {
    /// One line for a person: what was written, and what else happened on the server.
    pub fn summary(&self) -> String {
        let mut text = format!("saved: {}", join(&self.written));
        if let Some(answer) = &self.settled_after {
            text.push_str(&format!(
                " (the answer was unclear: {answer}; reading the user again shows it landed)"
            ));
        }
        if !self.kept.is_empty() {
            text.push_str(&format!(
                " (kept what the server changed meanwhile: {})",
                join(&self.kept)
            ));
        }
        if !self.changed_meanwhile.is_empty() {
            text.push_str(&format!(
                "; but {} changed on the server while sending",
                join(&self.changed_meanwhile)
            ));
        }
        text
    }
}
