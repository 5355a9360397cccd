//! The Auth0 Management API client the TUI and the scriptable commands share.

mod client;
mod error;
mod log;
mod pacer;
mod page;
mod rate;
mod retry;
mod tenant_calls;
mod tls;
mod token;
mod user_calls;
mod wire;

pub use client::{body_bytes, encode_segment, tokio_sleeper, Client, Sleeper, MAX_TRIES};
pub use error::{ApiError, Refusal, Short};
pub use page::{ListQuery, UserPage};
pub use rate::RateLimit;
pub use tls::http_builder;
