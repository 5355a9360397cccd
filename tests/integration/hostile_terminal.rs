//! End users control what this tool shows: a user whose name, email, id, metadata keys
//! and values hold terminal escapes, C1 controls, bidi overrides and zero-width
//! characters is walked through every screen in a real pseudo-terminal, and through the
//! command line's human output. Nothing of them reaches the terminal as it is; each shows
//! as its visible `\uXXXX` form.

use std::time::Duration;

use auth0_meta::api::Client;
use auth0_meta::emulator::{Emulator, EmulatorConfig};
use serde_json::{json, Value};

use crate::common::cli::auth0_meta;
use crate::common::pty::Session;
use crate::common::{self, TOKEN};

const OSC52: &str = "\u{1b}]52;c;ZXZpbA==\u{7}";
const TITLE: &str = "\u{1b}]0;pwned\u{7}";
const CSI: &str = "\u{1b}[7777;1H";
const C1: &str = "\u{9b}7777m";
const BIDI: &str = "\u{202e}";
const ZW: &str = "\u{200b}";
const DEL: &str = "\u{7f}";

fn eve_id() -> String {
    format!("auth0|eve{TITLE}")
}

fn hostile_key() -> String {
    format!("k{CSI}")
}

fn user(id: &str, email: &str, name: &str, metadata: Value, app: Value) -> Value {
    json!({
        "user_id": id,
        "email": email,
        "email_verified": true,
        "name": name,
        "nickname": name,
        "identities": [{"connection": "Username-Password-Authentication", "provider": "auth0",
                        "user_id": id.trim_start_matches("auth0|"), "isSocial": false}],
        "created_at": "2024-03-02T04:39:00.919Z",
        "updated_at": "2024-03-02T04:39:00.919Z",
        "user_metadata": metadata,
        "app_metadata": app,
    })
}

fn seed() -> String {
    let mut metadata = serde_json::Map::new();
    metadata.insert(format!("role{ZW}"), json!("admin"));
    metadata.insert(hostile_key(), json!(format!("v{DEL}{BIDI}x")));
    metadata.insert("nest".into(), json!({ format!("a{OSC52}"): format!("b{C1}") }));
    let eve = user(
        &eve_id(),
        &format!("eve{C1}@example.com"),
        &format!("Eve{OSC52}{BIDI}"),
        Value::Object(metadata),
        json!({"plan": format!("pro{BIDI}")}),
    );
    let bob = user(
        "auth0|bob",
        "bob@example.com",
        "Bob",
        json!({"role": "user"}),
        json!({}),
    );
    json!([eve, bob]).to_string()
}

/// What the program wrote, decoded, with its own escape sequences taken out; and the
/// OSC sequences and CSI parameters found, to check none came from the data.
struct Stream {
    text: String,
    oscs: Vec<String>,
    csi_params: Vec<String>,
}

fn split(raw: &[u8]) -> Stream {
    let decoded = String::from_utf8_lossy(raw);
    let mut chars = decoded.chars().peekable();
    let mut stream = Stream {
        text: String::new(),
        oscs: Vec::new(),
        csi_params: Vec::new(),
    };
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            stream.text.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                let mut params = String::new();
                for c in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                    params.push(c);
                }
                stream.csi_params.push(params);
            }
            Some(']') => {
                let mut body = String::new();
                while let Some(c) = chars.next() {
                    if c == '\u{7}' || (c == '\u{1b}' && chars.peek() == Some(&'\\')) {
                        break;
                    }
                    body.push(c);
                }
                stream.oscs.push(body);
            }
            _ => {}
        }
    }
    stream
}

/// A character from the data that must never reach a terminal as it is.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\r')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200d}' | '\u{feff}')
}

fn assert_clean(what: &str, stream: &Stream) {
    let bad: Vec<String> = stream
        .text
        .chars()
        .filter(|c| forbidden(*c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{what}: raw characters reached the terminal: {bad:?}");
    assert!(stream.oscs.is_empty(), "{what}: OSC sequences: {:?}", stream.oscs);
    assert!(
        !stream.csi_params.iter().any(|p| p.contains("7777")),
        "{what}: a CSI sequence from the data"
    );
}

#[test]
fn every_screen_shows_hostile_data_visibly_and_sends_none_of_it_raw() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator: Emulator = runtime
        .block_on(Emulator::start(EmulatorConfig::local(TOKEN), &seed()))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let token = std::path::PathBuf::from(TOKEN);
    let mut session = Session::start_with(
        &["--base-url", &emulator.base_url()],
        &[("AUTH0_META_STATE_DIR", dir.path()), ("AUTH0_API_TOKEN", &token)],
    );
    // The list: Eve's email and name.
    session.wait_for("2 users", true);
    session.wait_for("eve\\u009b7777m@example.com", true);
    session.send("/");
    session.wait_for("search users", true);
    session.send("name:Eve*\r");
    session.wait_for("1 user", true);
    // The user view: header, keys (zero-width shown), values, a collapsed summary.
    session.send("\r");
    session.wait_for("┌ user_metadata · ", true);
    session.wait_for("loading auth0|", false);
    session.wait_for("auth0|eve\\u001b]0;pwned\\u0007", true);
    session.send("l");
    session.wait_for("role\\u200b", true);
    session.wait_for("k\\u001b[7777;1H", true);
    session.wait_for("a\\u001b]52;c;ZXZpbA==\\u0007", true);
    // The value editor: the string as a JSON literal with escapes.
    session.send("lj");
    session.send("e");
    session.wait_for("k\\u001b[7777;1H\"] as JSON", true);
    session.wait_for("\"v\\u007f\\u202ex\"", true);
    session.send("\x1b");
    session.wait_for("as JSON", false);
    // The preview of deleting the hostile key.
    session.send("d");
    session.wait_for("1 root key to send", true);
    session.send("p");
    session.wait_for("preview: exactly what will be sent", true);
    session.wait_for("k\\u001b[7777;1H", true);
    // A colleague changes that key meanwhile: the conflict view shows it.
    let client = Client::new(&common::target(&emulator, TOKEN)).unwrap();
    let change = json!({"user_metadata": { hostile_key(): format!("w{BIDI}") }});
    runtime.block_on(client.patch_user(&eve_id(), &change)).unwrap();
    session.send("y");
    session.wait_for("conflict: nothing was sent", true);
    session.wait_for("w\\u202e", true);
    // Rebase, send: the status line names the key.
    session.send("r");
    session.wait_for("conflict: nothing was sent", false);
    session.send("p");
    session.wait_for("preview: exactly what will be sent", true);
    session.send("y");
    session.wait_for("saved: user_metadata[\"k\\u001b[7777;1H\"]", true);
    // History, and one entry in full.
    session.send("H");
    session.wait_for("applied changes, newest first", true);
    session.send("\r");
    session.wait_for("── user_metadata[\"k\\u001b[7777;1H\"]", true);
    session.send("\x1b");
    session.wait_for("── user_metadata[", false);
    session.send("\x1b");
    session.wait_for("applied changes, newest first", false);
    std::thread::sleep(Duration::from_millis(100)); // an Esc and a key at once read as Alt
                                                    // Compare with Bob: the title names both.
    session.send("q");
    session.wait_for("1 user", true);
    std::thread::sleep(Duration::from_millis(100));
    session.send("\x1b");
    session.wait_for("2 users", true);
    session.send("c");
    session.send("j");
    session.send("c");
    session.wait_for("compare:", true);
    session.wait_for("\\u009b7777m", true);
    session.send("\x1b");
    session.wait_for("compare:", false);
    std::thread::sleep(Duration::from_millis(100));
    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_clean("the TUI", &split(&session.raw.lock().unwrap()));
    drop(session);

    // The command line's human output.
    let base = emulator.base_url();
    let env = [("AUTH0_API_TOKEN", TOKEN)];
    let state = dir.path().join("cli");
    let id = eve_id();
    let set_args = [
        "--base-url",
        &base,
        "metadata",
        "set",
        &id,
        "user_metadata.nest",
        "1",
        "--yes",
        "--force",
    ];
    for args in [
        vec!["--base-url", &base, "users", "list"],
        vec!["--base-url", &base, "users", "get", &id],
        set_args.to_vec(),
        vec!["--base-url", &base, "history"],
    ] {
        let output = auth0_meta(&state, &env, &args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let out = split(&output.stdout);
        assert_clean(&format!("{args:?}"), &out);
        assert_clean(&format!("{args:?} (stderr)"), &split(&output.stderr));
        assert!(out.text.contains("\\u"), "{args:?} shows the marker:\n{}", out.text);
    }
}

#[test]
fn the_check_sees_what_a_leak_would_look_like() {
    let program = "\u{1b}[?1049h\u{1b}[1;1H\u{1b}[38;5;2mplain \\u001b text\u{1b}[0m\r\n";
    assert_clean("the program's own sequences", &split(program.as_bytes()));
    for leak in [OSC52, TITLE, CSI, C1, BIDI, ZW, DEL] {
        let stream = split(format!("{program}name{leak}").as_bytes());
        let caught = std::panic::catch_unwind(|| assert_clean("a leak", &stream));
        assert!(caught.is_err(), "{leak:?} is caught");
    }
}
