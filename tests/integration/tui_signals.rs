//! The terminal is given back on every exit: SIGTERM and SIGHUP end the TUI as quitting
//! does (alternate screen left, cursor shown, mouse released, drafts written), and a
//! Ctrl-C typed into `$EDITOR` is the editor's alone.

use crate::common::pty::{editor_script, find_jane, Session};

fn open_demo(dir: &std::path::Path, env: &[(&str, &std::path::Path)]) -> Session {
    let state = dir.join("tenant.json");
    let mut all = vec![("AUTH0_META_STATE_DIR", dir)];
    all.extend_from_slice(env);
    let session = Session::start_with(&["--demo", "--demo-state", state.to_str().unwrap()], &all);
    session.wait_for("140 users", true);
    session
}

fn signal(session: &Session, name: &str) {
    let pid = session.child.process_id().expect("a pid");
    let status = std::process::Command::new("kill")
        .args([format!("-{name}"), pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for name in ["TERM", "HUP", "INT"] {
        let dir = tempfile::tempdir().unwrap();
        let mut session = open_demo(dir.path(), &[]);
        {
            let parser = session.screen.lock().unwrap();
            assert!(parser.screen().alternate_screen() && parser.screen().hide_cursor());
            assert_ne!(parser.screen().mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        }
        signal(&session, name);
        session.wait_exit();
        let parser = session.screen.lock().unwrap();
        assert!(!parser.screen().alternate_screen(), "{name}: left the alternate screen");
        assert!(!parser.screen().hide_cursor(), "{name}: the cursor is shown");
        assert_eq!(
            parser.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{name}: the mouse is released"
        );
    }
}

#[test]
fn a_ctrl_c_in_the_editor_is_the_editors() {
    let dir = tempfile::tempdir().unwrap();
    // Ctrl-C reaches the whole foreground process group: the editor survives it (as
    // editors do) and writes; auth0-meta must survive it too.
    let script = editor_script(
        dir.path(),
        "trap '' INT\nkill -INT 0\nsleep 0.2\nprintf '\"kitesurfing\"' > \"$1\"\n",
    );
    let mut session = find_jane(open_demo(dir.path(), &[("EDITOR", &script), ("VISUAL", &script)]));
    session.wait_for("surfing", true);
    session.send("j");
    session.wait_for("path user_metadata.hobby", true);
    session.send("v");
    session.wait_for("changed in your editor: one edit", true);
    assert!(session.child.try_wait().unwrap().is_none(), "still running");
    assert_eq!(
        std::fs::read_dir(dir.path().join("edit")).unwrap().count(),
        0,
        "the file is removed"
    );
    session.send("u");
    session.wait_for("kitesurfing", false);
    session.send("q");
    session.wait_for("1 user", true);
    session.send("q");
    assert!(session.wait_exit().success());
}

#[test]
fn an_editor_that_fails_after_writing_keeps_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let script = editor_script(dir.path(), "printf '\"kitesurfing\"' > \"$1\"\nexit 1\n");
    let mut session = find_jane(open_demo(dir.path(), &[("EDITOR", &script), ("VISUAL", &script)]));
    session.send("j");
    session.wait_for("path user_metadata.hobby", true);
    session.send("v");
    session.wait_for("your editor's text was not applied", true);
    session.wait_for("exited with", true);
    {
        let parser = session.screen.lock().unwrap();
        assert!(parser.screen().hide_cursor(), "the TUI hides its cursor again");
    }
    session.send("d");
    session.wait_for("your editor's text was not applied", false);
    session.send("q");
    session.wait_for("1 user", true);
    session.send("q");
    assert!(session.wait_exit().success());
}
