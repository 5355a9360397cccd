//! `auth0-meta emulator`: the local Management API's own flags.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

use crate::secret::Secret;

#[derive(Debug, Args)]
pub struct EmulatorArgs {
    /// Address to listen on; port 0 picks a free one
    #[arg(long, default_value = "127.0.0.1:4000")]
    pub listen: SocketAddr,
    /// Allow a non-loopback listen address
    #[arg(long)]
    pub allow_remote: bool,
    /// Users to start with: a JSON array of user objects [default: the demo tenant]
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,
    /// Load the tenant from FILE (if it exists) and save every write to it
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// A static bearer token with every scope [default: a generated one, printed]
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<Secret>,
    /// Client id accepted by the client-credentials grant
    #[arg(long, value_name = "ID", requires = "client_secret")]
    pub client_id: Option<String>,
    /// Client secret accepted by the client-credentials grant
    #[arg(long, value_name = "SECRET", requires = "client_id")]
    pub client_secret: Option<Secret>,
    /// Sustained requests per second
    #[arg(long = "rate-limit", value_name = "PER_SECOND", default_value_t = 50.0)]
    pub rate_limit: f64,
    /// Requests allowed in a burst
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub burst: u32,
    /// Lifetime of issued tokens, in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 86_400)]
    pub token_lifetime: u64,
    /// Enable POST /__emulator/faults for tests ({"status":503,"count":2,"delay_ms":0})
    #[arg(long)]
    pub faults: bool,
    /// Refuse writes leaving a profile over the 100 KB allowance, as Auth0 does after 2027-03-04 (over the 10 KB cap it only warns)
    #[arg(long)]
    pub enforce_profile_limit: bool,
    /// N generated users on top of the seed, for exports of a large tenant (made on demand, not stored)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub synthetic_users: u64,
    /// The tenant domain SDKs are given: tokens are also issued for the audience https://DOMAIN/api/v2/
    #[arg(long, value_name = "DOMAIN")]
    pub tenant_domain: Option<String>,
    /// Milliseconds added to every answer, as a real tenant's distance (50-300 ms), for benchmarks
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency_ms: u64,
}
