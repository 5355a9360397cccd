//! The signals that end the TUI the way quitting does (drafts written, terminal
//! restored): SIGTERM (`kill`, a closing session manager), SIGHUP (the terminal or SSH
//! connection went away) and SIGINT (`kill -INT`; a Ctrl-C typed in the TUI is a key).
//! Once these are listened for, they no longer kill the process outright, so a Ctrl-C
//! meant for `$EDITOR` does not take the TUI down with it.

#[cfg(unix)]
use tokio::signal::unix::{signal, Signal, SignalKind};

pub struct Signals {
    #[cfg(unix)]
    listening: Vec<Signal>,
}

impl Signals {
    /// Starts listening; signals that arrived before are not seen.
    pub fn new() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            let kinds = [SignalKind::terminate(), SignalKind::hangup(), SignalKind::interrupt()];
            let listening = kinds.into_iter().map(signal).collect::<std::io::Result<Vec<_>>>()?;
            Ok(Self { listening })
        }
        #[cfg(not(unix))]
        Ok(Self {})
    }

    /// Waits for the next of them.
    pub async fn next(&mut self) {
        #[cfg(unix)]
        {
            let waits = self.listening.iter_mut().map(|s| Box::pin(s.recv()));
            let _ = futures_util::future::select_all(waits).await;
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
