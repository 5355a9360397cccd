//! `auth0-meta emulator`: the emulator as a standalone server for scripts and other tools.

use std::io::Write;

use crate::cli::EmulatorArgs;
use crate::emulator::{Emulator, EmulatorConfig, DEMO_TENANT};
use crate::random::random_hex;

use super::{Failure, Outcome};

pub async fn run(args: EmulatorArgs) -> Outcome {
    let seed = match &args.seed {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Failure::error(format!("cannot read the seed {}: {e}", path.display())))?,
        None => DEMO_TENANT.to_string(),
    };
    let generated = args.token.is_none();
    let token = args
        .token
        .as_ref()
        .map_or_else(|| format!("emu_{}", random_hex(32)), |t| t.expose().to_string());
    let config = EmulatorConfig {
        listen: args.listen,
        allow_remote: args.allow_remote,
        static_token: token.clone(),
        client: args
            .client_id
            .clone()
            .zip(args.client_secret.as_ref().map(|s| s.expose().to_string())),
        rate_per_second: args.rate_limit,
        burst: args.burst,
        token_lifetime: args.token_lifetime,
        faults: args.faults,
        enforce_profile_limit: args.enforce_profile_limit,
        state_file: args.state.clone(),
        synthetic_users: args.synthetic_users,
        domain: args.tenant_domain.clone(),
        latency: std::time::Duration::from_millis(args.latency_ms),
        ..EmulatorConfig::local(token.clone())
    };
    let emulator = Emulator::start(config, &seed)
        .await
        .map_err(|e| Failure::error(e.to_string()))?;
    let base = emulator.base_url();
    // Scripts read this first line; nothing may come before it.
    println!("listening on {base}");
    println!(
        "{} users; connect with --base-url {base} (or AUTH0_META_BASE_URL={base})",
        emulator.user_count()
    );
    if generated {
        println!("a bearer token is needed; this run's token (every scope): {token}");
    } else {
        println!("a bearer token is needed: the one given with --token (every scope)");
    }
    if args.client_id.is_some() {
        println!("the client-credentials grant is open at {base}/oauth/token for the client id given");
    }
    let _ = std::io::stdout().flush();
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| Failure::error(format!("cannot wait for Ctrl-C: {e}")))?;
    drop(emulator);
    Ok(())
}
