//! End to end in a pseudo-terminal: users marked in the list get the edits made on
//! another, through the dry run and the batch, then the batch is reverted from `H`; the
//! terminal is restored at the end.

use crate::common;

use common::pty::Session;

#[test]
fn marked_users_get_the_edits_and_h_reverts_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("tenant.json");
    let mut session = Session::start_with(
        &["--demo", "--demo-state", state.to_str().unwrap()],
        &[("AUTH0_META_STATE_DIR", dir.path())],
    );
    session.wait_for("140 users", true);
    session.send("   ");
    session.wait_for("3 marked", true);
    session.send("\r");
    session.wait_for("┌ user_metadata · ", true);
    session.wait_for("loading ", false);
    session.send("a");
    session.wait_for("new key in user_metadata", true);
    session.send("bulk_flag\r");
    session.send("true\r");
    session.wait_for("add bulk_flag", true);
    session.send("B");
    session.wait_for("dry run read: nothing sent yet", true);
    session.wait_for("would change          3", true);
    session.send("y");
    session.wait_for("batch done", true);
    session.wait_for("3 of 3 users settled: changed 3", true);
    session.send("\x1b");
    session.wait_for("batch done", false);
    session.send("u");
    session.wait_for("undone: ", true);
    session.send("q");
    session.wait_for("140 users", true);
    session.send("H");
    session.wait_for("batches, newest first", true);
    session.wait_for("set user_metadata.bulk_flag true  3 users: changed 3", true);
    session.send("\r");
    session.wait_for("dry run: revert batch", true);
    session.wait_for("deletes user_metadata.bulk_flag (sent as null) on 3 users", true);
    session.send("y");
    session.wait_for("batch done", true);
    session.send("\x1b");
    session.wait_for("batch done", false);
    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "{status:?}");
    let parser = session.screen.lock().unwrap();
    assert!(!parser.screen().alternate_screen(), "left the alternate screen");
}
