//! Where a tenant's secret lives when it is not in the environment: the operating
//! system's credential store (`keyring`), or a command the user names, run without a
//! shell as AWS `credential_process` and git credential helpers are. Errors name the
//! tenant and the way, never the secret or the command's output.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::secret::Secret;

const SERVICE: &str = "auth0-meta";

/// Which secret of a tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    ClientSecret,
    Token,
}

impl SecretKind {
    fn name(self) -> &'static str {
        match self {
            Self::ClientSecret => "client_secret",
            Self::Token => "token",
        }
    }
}

/// What to say where no credential store can be reached (a headless server).
pub fn no_store_help(tenant: &str, why: &str) -> String {
    format!(
        "no credential store is available here ({why}). Either name a command that prints the secret in [tenants.{tenant}] (client_secret_command = \"pass show auth0/{tenant}\", or token_command = …), or set AUTH0_CLIENT_SECRET (or AUTH0_API_TOKEN) in the environment"
    )
}

fn entry(tenant: &str, kind: SecretKind) -> Result<keyring::Entry, String> {
    keyring::Entry::new(SERVICE, &format!("{tenant}:{}", kind.name())).map_err(|e| no_store_help(tenant, &reason(&e)))
}

/// The error's kind, without any data it may carry.
fn reason(error: &keyring::Error) -> String {
    match error {
        keyring::Error::PlatformFailure(_) => "the platform's store failed".into(),
        keyring::Error::NoStorageAccess(_) => "the store cannot be reached".into(),
        keyring::Error::NoEntry => "no entry".into(),
        keyring::Error::BadEncoding(_) => "the stored value is not text".into(),
        keyring::Error::TooLong(..) | keyring::Error::Invalid(..) => "the entry's name is refused".into(),
        keyring::Error::Ambiguous(_) => "several entries match".into(),
        _ => "unknown failure".into(),
    }
}

/// The stored secret, `None` if there is none.
pub fn keyring_get(tenant: &str, kind: SecretKind) -> Result<Option<Secret>, String> {
    match entry(tenant, kind)?.get_password() {
        Ok(value) => Ok(Some(Secret::new(value))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(no_store_help(tenant, &reason(&e))),
    }
}

/// Stores the secret, then reads it back through a new entry: a store that accepts a
/// secret but keeps nothing (no platform store built in) is reported, never trusted.
pub fn keyring_set(tenant: &str, kind: SecretKind, secret: &Secret) -> Result<(), String> {
    entry(tenant, kind)?
        .set_password(secret.expose())
        .map_err(|e| no_store_help(tenant, &reason(&e)))?;
    match keyring_get(tenant, kind)? {
        Some(kept) if kept.expose() == secret.expose() => Ok(()),
        _ => Err(no_store_help(tenant, "the store did not keep the secret")),
    }
}

/// Removes the secret; one that was never stored is not an error.
pub fn keyring_delete(tenant: &str, kind: SecretKind) -> Result<(), String> {
    match entry(tenant, kind)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(no_store_help(tenant, &reason(&e))),
    }
}

/// Runs `command` (split as a shell would split words, but with no shell) and takes
/// its standard output, trimmed, as the secret. Its standard error reaches the user,
/// so a password manager can ask for a passphrase. One that runs longer than `timeout`
/// is stopped, and named.
pub fn run_command(tenant: &str, key: &str, command: &str, timeout: Duration) -> Result<Secret, String> {
    let words = shlex::split(command).filter(|w| !w.is_empty());
    let Some((program, args)) = words.as_ref().and_then(|w| w.split_first()) else {
        return Err(format!("[tenants.{tenant}] {key} is empty or has an unclosed quote"));
    };
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("[tenants.{tenant}] {key}: cannot run `{program}`: {e}"))?;
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(stdout) = stdout.as_mut() {
            let _ = stdout.read_to_end(&mut out);
        }
        out
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "[tenants.{tenant}] {key}: `{program}` did not finish within {} s and was stopped (command_timeout = … in [tenants.{tenant}] allows longer)",
                    timeout.as_secs()
                ));
            }
            Err(e) => return Err(format!("[tenants.{tenant}] {key}: `{program}`: {e}")),
        }
    };
    let stdout = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(format!(
            "[tenants.{tenant}] {key}: `{program}` failed ({status}); run it yourself to see why"
        ));
    }
    let text = String::from_utf8(stdout)
        .map_err(|_| format!("[tenants.{tenant}] {key}: `{program}` printed something that is not text"))?;
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(format!("[tenants.{tenant}] {key}: `{program}` printed nothing"));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(format!(
            "[tenants.{tenant}] {key}: `{program}` printed more than one line (or a control character); a secret is one line: make the command print the secret alone"
        ));
    }
    Ok(Secret::new(trimmed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: Duration = Duration::from_secs(30);

    #[test]
    fn a_command_that_hangs_is_stopped_and_named() {
        let started = Instant::now();
        let err = run_command("dev", "token_command", "sleep 30", Duration::from_millis(200)).unwrap_err();
        assert!(
            err.contains("[tenants.dev] token_command: `sleep` did not finish"),
            "{err}"
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn output_of_several_lines_is_refused_naming_the_command() {
        let err = run_command("dev", "token_command", "printf 'a\\nb\\n'", LONG).unwrap_err();
        assert!(
            err.contains("[tenants.dev] token_command") && err.contains("more than one line"),
            "{err}"
        );
        assert!(!err.contains("AUTH0_API_TOKEN"));
    }

    #[test]
    fn a_command_runs_without_a_shell_and_its_output_is_trimmed() {
        let secret = run_command("dev", "token_command", "printf '  s3cr3t value\\n'", LONG).unwrap();
        assert_eq!(secret.expose(), "s3cr3t value");
        let err = run_command("dev", "token_command", "echo $HOME && false", LONG).unwrap();
        assert_eq!(err.expose(), "$HOME && false", "no shell expands or chains anything");
    }

    #[test]
    fn a_failing_command_is_named_without_its_output() {
        let err = run_command("dev", "client_secret_command", "sh -c 'echo leaked; exit 3'", LONG).unwrap_err();
        assert!(err.contains("`sh` failed") && !err.contains("leaked"), "{err}");
        let err = run_command("dev", "client_secret_command", "true", LONG).unwrap_err();
        assert!(err.contains("printed nothing"), "{err}");
        let err = run_command("dev", "client_secret_command", "no-such-program-here", LONG).unwrap_err();
        assert!(err.contains("cannot run"), "{err}");
        let err = run_command("dev", "client_secret_command", "'unclosed", LONG).unwrap_err();
        assert!(err.contains("unclosed quote"), "{err}");
    }

    #[test]
    fn a_store_that_keeps_nothing_is_reported_not_trusted() {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        // The mock keeps nothing between entries: a fresh entry has no secret.
        assert_eq!(keyring_get("dev", SecretKind::Token).unwrap(), None);
        let err = keyring_set("dev", SecretKind::ClientSecret, &Secret::new("s3cr3t")).unwrap_err();
        assert!(
            err.contains("did not keep the secret") && !err.contains("s3cr3t"),
            "{err}"
        );
        keyring_delete("dev", SecretKind::ClientSecret).unwrap();
    }
}
