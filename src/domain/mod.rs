//! The domain core: what a metadata edit means and what PATCH body expresses it under
//! Auth0's merge rules. Pure functions over `serde_json::Value`: nothing here knows of
//! the terminal, HTTP or async (a test enforces it).

pub mod conflict;
pub mod copy;
pub mod diff;
pub mod edit;
pub mod field;
pub mod field_path;
pub mod history;
pub mod identity;
pub mod kind;
pub mod loaded;
pub mod merge;
pub mod metadata;
pub mod number;
pub mod path;
pub mod plan;
pub mod raw;
pub mod rebase;
pub mod review;
pub mod tree;
pub mod user;
pub mod validate;
pub mod warning;

pub use conflict::{conflicts, Conflict, ConflictReport};
pub use edit::{Edit, EditError};
pub use field::{Metadata, MetadataField, MetadataPair};
pub use field_path::FieldPath;
pub use history::History;
pub use kind::ValueKind;
pub use loaded::LoadedUser;
pub use merge::{patch_for, MetadataPatch, SendBody, UpdateBody};
pub use path::{JsonPath, Segment};
pub use plan::{apply_edits, plan_set, Refused};
pub use rebase::{rebase_edits, Unplaced};
pub use review::{review, Mark};
pub use tree::{Needle, Row, RowKey, SearchScope, Tree};
pub use user::User;
pub use validate::{Problem, Severity};
pub use warning::{warnings, Warning};
