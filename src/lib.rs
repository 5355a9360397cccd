//! auth0-meta: browse Auth0 users and edit their metadata safely.
//!
//! - [`domain`]: the pure core (paths, edits, undo, Auth0's merge, warnings, conflicts,
//!   validation). It knows nothing of the terminal or HTTP.
pub mod domain;
