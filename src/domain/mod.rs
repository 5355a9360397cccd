//! The domain core: what a metadata edit means and what PATCH body expresses it under
//! Auth0's merge rules. Pure functions over `serde_json::Value`: nothing here knows of
//! the terminal, HTTP or async (a test enforces it).

pub mod conflict;
pub mod edit;
pub mod field;
pub mod history;
pub mod kind;
pub mod merge;
pub mod path;
pub mod review;
pub mod tree;
pub mod user;
pub mod validate;
pub mod warning;

pub use conflict::{conflicts, Conflict, ConflictReport};
pub use edit::{Edit, EditError};
pub use field::{Metadata, MetadataField, MetadataPair};
pub use history::History;
pub use kind::ValueKind;
pub use merge::{patch_for, MetadataPatch, UpdateBody};
pub use path::{JsonPath, Segment};
pub use review::{review, Mark};
pub use tree::{Row, RowKey, Tree};
pub use user::User;
pub use validate::{Problem, Severity};
pub use warning::{warnings, Warning};
