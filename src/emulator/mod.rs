//! A local emulator of the Auth0 Management API users endpoints: the server behind
//! `--demo` and behind every test that needs one. It follows spec/auth0-api.md; where the
//! spec leaves a question open, the choice is noted where it is made.

mod auth;
mod body;
mod connection_list;
mod connections;
mod exports;
mod faults;
mod guard;
mod indexed;
mod jobs;
mod jwt;
mod listing;
mod patching;
mod picture;
mod ratelimit;
mod reply;
mod routes;
mod search;
mod served;
mod store;
pub mod synthetic;
mod token;
mod user_rules;

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use faults::{Fault, Spoil};
pub use store::Store;

use auth::Tokens;
use faults::Faults;
use ratelimit::Bucket;

/// The demo tenant, compiled in so `--demo` works from any directory.
pub const DEMO_TENANT: &str = include_str!("../../assets/demo-tenant.json");

/// How an emulator is set up.
#[derive(Clone)]
pub struct EmulatorConfig {
    pub listen: SocketAddr,
    pub allow_remote: bool,
    /// A bearer token that carries every scope.
    pub static_token: String,
    /// Client id and secret accepted by the client-credentials grant.
    pub client: Option<(String, String)>,
    pub rate_per_second: f64,
    pub burst: u32,
    /// Seconds an issued token lives.
    pub token_lifetime: u64,
    pub faults: bool,
    /// Refuse writes that leave a profile over the extended allowance (100 KB), as
    /// Auth0 does for a migrated tenant and for all after 2027-03-04; over the 10 KB
    /// cap it only warns.
    pub enforce_profile_limit: bool,
    pub state_file: Option<PathBuf>,
    /// Generated users on top of the seed, for a tenant of any size (exports).
    pub synthetic_users: u64,
    /// How long an export's download link lives (Auth0: 60 seconds).
    pub export_link_seconds: u64,
    /// The tenant domain SDKs name: tokens are issued for `https://DOMAIN/api/v2/` too.
    pub domain: Option<String>,
    /// Added to every answer, as a real tenant's network distance is (50-300 ms).
    pub latency: std::time::Duration,
}

impl fmt::Debug for EmulatorConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmulatorConfig")
            .field("listen", &self.listen)
            .field("static_token", &"<redacted>")
            .field("client_id", &self.client.as_ref().map(|(id, _)| id))
            .field("rate_per_second", &self.rate_per_second)
            .field("burst", &self.burst)
            .field("faults", &self.faults)
            .finish_non_exhaustive()
    }
}

impl EmulatorConfig {
    /// Loopback on a free port, generous limits: what tests and `--demo` use.
    pub fn local(static_token: impl Into<String>) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            allow_remote: false,
            static_token: static_token.into(),
            client: None,
            rate_per_second: 50.0,
            burst: 100,
            token_lifetime: 86_400,
            faults: false,
            enforce_profile_limit: false,
            state_file: None,
            synthetic_users: 0,
            export_link_seconds: jobs::LINK_SECONDS,
            domain: None,
            latency: std::time::Duration::ZERO,
        }
    }
}

/// State shared by the handlers.
pub(crate) struct Shared {
    store: Mutex<Store>,
    tokens: Mutex<Tokens>,
    bucket: Mutex<Bucket>,
    /// `/oauth/token` has a rate limit of its own, apart from the Management API's.
    token_bucket: Mutex<Bucket>,
    faults: Mutex<Faults>,
    client: Option<(String, String)>,
    token_lifetime: u64,
    enforce_profile_limit: bool,
    token_requests: AtomicU64,
    /// `GET /api/v2/users/{id}` requests answered, for tests that count re-reads.
    user_reads: AtomicU64,
    connections: Vec<connections::Connection>,
    jobs: Mutex<jobs::Jobs>,
    export_link_seconds: u64,
    latency: std::time::Duration,
    base_url: String,
    /// Where export files are written: a folder of this run's own.
    export_dir: PathBuf,
}

/// A handler that panicked mid-request leaves data that is still whole: keep serving.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A running emulator; dropping it stops the server.
pub struct Emulator {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("refusing to listen on {0}: not a loopback address (pass --allow-remote to allow it)")]
    NotLoopback(SocketAddr),
    #[error("cannot listen on {0}: {1}")]
    Bind(SocketAddr, std::io::Error),
    #[error("{0}")]
    Seed(String),
}

impl Emulator {
    /// Seeds from `seed` (a JSON array of users), unless the state file already exists.
    pub async fn start(config: EmulatorConfig, seed: &str) -> Result<Self, StartError> {
        if !config.listen.ip().is_loopback() && !config.allow_remote {
            return Err(StartError::NotLoopback(config.listen));
        }
        let mut store = match &config.state_file {
            Some(path) if path.exists() => Store::from_file(path).map_err(StartError::Seed)?,
            _ => {
                let users: Vec<Value> = serde_json::from_str(seed)
                    .map_err(|e| StartError::Seed(format!("the seed is not a JSON array of users: {e}")))?;
                Store::from_users(users).map_err(StartError::Seed)?
            }
        };
        store = store.with_synthetic(config.synthetic_users);
        if let Some(path) = &config.state_file {
            store.persist_to(path.clone()).map_err(StartError::Seed)?;
        }
        let listener = TcpListener::bind(config.listen)
            .await
            .map_err(|e| StartError::Bind(config.listen, e))?;
        let addr = listener.local_addr().map_err(|e| StartError::Bind(config.listen, e))?;
        let key = crate::random::random_hex(32).into_bytes();
        let mut tokens = Tokens::new(jwt::Signer::new(
            key,
            &format!("http://{addr}"),
            config.domain.as_deref(),
        ));
        tokens.add_static(&config.static_token);
        let connections = connections::of_users(store.stored());
        let shared = Arc::new(Shared {
            connections,
            store: Mutex::new(store),
            tokens: Mutex::new(tokens),
            bucket: Mutex::new(Bucket::new(config.rate_per_second, config.burst)),
            token_bucket: Mutex::new(Bucket::new(config.rate_per_second, config.burst)),
            faults: Mutex::new(Faults::default()),
            client: config.client.clone(),
            token_lifetime: config.token_lifetime,
            enforce_profile_limit: config.enforce_profile_limit,
            token_requests: AtomicU64::new(0),
            user_reads: AtomicU64::new(0),
            jobs: Mutex::new(jobs::Jobs::default()),
            export_link_seconds: config.export_link_seconds,
            latency: config.latency,
            base_url: format!("http://{addr}"),
            export_dir: export_dir(),
        });
        let app = routes::router(shared.clone(), config.faults);
        let (shutdown, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(err) = serve.await {
                eprintln!("emulator stopped: {err}");
            }
        });
        Ok(Self {
            addr,
            shared,
            shutdown: Some(shutdown),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`: what `--base-url` takes.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Makes the next `fault.count` requests fail or wait, whatever the faults flag says.
    pub fn inject(&self, fault: Fault) {
        lock(&self.shared.faults).set(vec![fault]);
    }

    /// A token with just `scopes`, as a narrowly authorized application would hold.
    pub fn issue_token(&self, scopes: &[&str], lifetime_secs: u64) -> String {
        let scopes: Vec<String> = scopes.iter().map(|s| s.to_string()).collect();
        lock(&self.shared.tokens).issue("test-client", &scopes, lifetime_secs)
    }

    pub fn token_requests(&self) -> u64 {
        self.shared.token_requests.load(Ordering::Relaxed)
    }

    /// How many single users were read (`GET /api/v2/users/{id}`).
    pub fn user_reads(&self) -> u64 {
        self.shared.user_reads.load(Ordering::Relaxed)
    }

    pub fn user_count(&self) -> usize {
        lock(&self.shared.store).len()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        let _ = std::fs::remove_dir_all(&self.shared.export_dir);
    }
}

/// A folder of this run's own for export files, removed when the emulator stops. Folders
/// that killed emulators left behind are removed first.
fn export_dir() -> PathBuf {
    let temp = std::env::temp_dir();
    if let Ok(entries) = std::fs::read_dir(&temp) {
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let pid = name
                .strip_prefix("auth0-meta-exports-")
                .and_then(|rest| rest.split('-').next());
            if pid.is_some_and(|pid| !crate::process::alive(pid) && pid != std::process::id().to_string()) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    std::env::temp_dir().join(format!(
        "auth0-meta-exports-{}-{}",
        std::process::id(),
        crate::random::random_hex(6)
    ))
}
