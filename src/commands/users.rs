//! `auth0-meta users list|get`.

use crate::api::Client;
use crate::atomic_write::Staged;
use crate::cli::{ExportFormat, UsersCommand};
use crate::domain::User;
use crate::export;

use super::{Failure, Outcome};

pub async fn run(client: &Client, command: UsersCommand) -> Outcome {
    match command {
        UsersCommand::Export(args) => {
            let to_file = args.out != "-";
            let path = std::path::PathBuf::from(&args.out);
            if to_file && !args.force && path.exists() {
                return Err(Failure::usage(format!(
                    "--out {}: the file exists; add --force to replace it",
                    args.out
                )));
            }
            let staged = match to_file {
                true => Some(Staged::create(&path).map_err(|e| Failure::usage(format!("--out {}: {e}", args.out)))?),
                false => None,
            };
            let out: Box<dyn std::io::Write + Send> = match &staged {
                Some(staged) => Box::new(
                    staged
                        .writer()
                        .map_err(|e| Failure::usage(format!("--out {}: {e}", args.out)))?,
                ),
                None => Box::new(std::io::stdout()),
            };
            let options = export::Options {
                connection: args.connection,
                fields: args.fields,
                format: match args.format {
                    ExportFormat::Ndjson => export::Format::Ndjson,
                    ExportFormat::Csv => export::Format::Csv,
                },
                filter: args.filter,
            };
            // On any failure `staged` is dropped: the temporary file goes, FILE stays as it was.
            let done = export::export(client, &options, out).await.map_err(|e| match to_file {
                true => Failure::error(format!("{e}; --out {} was left as it was", args.out)),
                false => Failure::error(e),
            })?;
            if let Some(staged) = staged {
                staged
                    .finish()
                    .map_err(|e| Failure::error(format!("--out {}: {e}", args.out)))?;
            }
            if done.cut {
                // The reader took what it wanted: no count that would read as complete.
                std::process::exit(super::CLOSED_PIPE);
            }
            note!("exported {} of {} users", done.written, done.read);
            Ok(())
        }
        UsersCommand::List(args) => super::list::run(client, args).await,
        UsersCommand::Get { id, json } => {
            let user = client.get_user(&id).await?;
            if json {
                return print_json(&user);
            }
            print_user(&user);
            Ok(())
        }
    }
}

fn print_json(value: &impl serde::Serialize) -> Outcome {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure::error(e.to_string()))?;
    say!("{text}");
    Ok(())
}

fn print_user(user: &User) {
    let rows = [
        ("user_id", Some(user.id().to_string())),
        ("email", user.str("email").map(String::from)),
        ("name", user.str("name").map(String::from)),
        ("connections", Some(user.connections().join(", "))),
        ("created_at", user.str("created_at").map(String::from)),
        ("updated_at", user.str("updated_at").map(String::from)),
        ("last_login", user.str("last_login").map(String::from)),
        ("logins_count", user.logins_count().map(|n| n.to_string())),
        ("blocked", Some(user.blocked().to_string())),
    ];
    for (name, value) in rows {
        tell!("{name:<14} {}", value.unwrap_or_else(|| "-".into()));
    }
    for (name, doc) in [
        ("user_metadata", user.metadata_pair().user_metadata),
        ("app_metadata", user.metadata_pair().app_metadata),
    ] {
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        tell!("{name}:\n{text}");
    }
}
