//! What `update` reacts to: intents from the key table, raw keys for a focused text
//! input, and the results of effects.

use crossterm::event::KeyEvent;

use crate::api::{ApiError, RateLimit, UserPage};
use crate::domain::User;

/// A bindable action: small and `Copy`, so the key table can hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Quit,
    Back,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Search,
    CycleSort,
    Reload,
    Expand,
    Collapse,
    Toggle,
    ExpandAll,
    CollapseAll,
    /// Expand to this depth; the key table binds `1`-`9` to it.
    Depth(u8),
    SwitchTree,
}

#[derive(Debug)]
pub enum Msg {
    Intent(Intent),
    /// A key for the text input that has focus.
    Input(KeyEvent),
    Resize(u16, u16),
    /// Animates the spinner while something loads.
    Tick,
    PageLoaded {
        generation: u64,
        result: Result<UserPage, ApiError>,
        rate: Option<RateLimit>,
    },
    UserLoaded {
        id: String,
        result: Result<User, ApiError>,
        rate: Option<RateLimit>,
    },
}
