//! Snapshots of the navigation screens: the copy menu, the one-line profile of a short
//! terminal, a long status message cut with `…` and shown in full by `M`.

use crate::common;

use auth0_meta::tui::msg::{Intent, Msg};
use auth0_meta::tui::state::Status;
use auth0_meta::tui::update::update;
use common::tui::*;

#[test]
fn copy_menu() {
    let mut state = jane_state();
    to_row(&mut state, 1);
    press(&mut state, Intent::CopyMenu);
    insta::assert_snapshot!(screen(&state));
}

#[test]
fn the_profile_is_one_line_at_80x24() {
    let mut state = opened(80, 24, jane());
    update(&mut state, Msg::Resize(80, 24));
    let shown = screen(&state);
    assert!(
        shown.lines().nth(1).unwrap().contains("jane.doe@example.com · auth0|"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn a_long_message_is_cut_and_m_shows_it_whole() {
    let mut state = opened(80, 24, jane());
    let long = "the server refused the change: Payload validation error: 'Additional properties not allowed: nickname_suggestion_from_the_tool' on property user_metadata".to_string();
    state.status = Status::Error(long.clone());
    update(&mut state, Msg::Tick);
    let shown = screen(&state);
    let status = shown.lines().nth(22).unwrap();
    assert!(status.ends_with('…') && status.chars().count() <= 80, "{status}");
    press(&mut state, Intent::Messages);
    let shown = screen(&state);
    assert!(shown.contains("nickname_suggestion_from_the_tool"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn c_marks_a_user_and_c_on_another_compares_their_metadata() {
    let mut state = listed(100, 30);
    // Users 0 and 3 carry metadata in the fixture: {"a": 0} and {"a": 3}.
    press(&mut state, Intent::Compare);
    assert!(matches!(&state.status, Status::Info(s) if s.contains("user000@example.com marked")));
    to_row(&mut state, 3);
    press(&mut state, Intent::Compare);
    let shown = screen(&state);
    assert!(
        shown.contains("compare: user000@example.com → user003@example.com"),
        "{shown}"
    );
    assert!(shown.contains("a: 0 → 3"), "{shown}");
    insta::assert_snapshot!(shown);
    press(&mut state, Intent::Cancel);
    assert!(state.overlay.is_none() && state.compare_mark.is_none());
}

#[test]
fn s_shows_each_nodes_size_beside_it() {
    let mut state = jane_state();
    press(&mut state, Intent::ExpandAll);
    press(&mut state, Intent::ToggleWeights);
    let shown = screen(&state);
    // `"surfing"` is 9 bytes as JSON.
    let hobby = shown.lines().find(|l| l.contains("hobby")).unwrap();
    let left = hobby.split("││").next().unwrap();
    assert!(left.trim_end().ends_with("9 B"), "{shown}");
    insta::assert_snapshot!(shown);
    press(&mut state, Intent::ToggleWeights);
    assert!(!screen(&state)
        .lines()
        .any(|l| l.contains("hobby") && l.contains(" 9 B")));
}

#[test]
fn a_collapsed_summary_ends_with_an_ellipsis_and_a_deleted_container_keeps_its_count() {
    let widgets: serde_json::Map<String, serde_json::Value> = (0..40)
        .map(|i| (format!("widget_{i:03}"), serde_json::json!({"w": i})))
        .collect();
    let user = user(
        7,
        Some((
            serde_json::json!({"dashboard": widgets, "onboarding": {"completed": true, "steps": [1, 2]}}),
            serde_json::json!({}),
        )),
    );
    let mut state = opened(80, 24, user);
    update(&mut state, Msg::Resize(80, 24));
    press(&mut state, Intent::CollapseAll);
    press(&mut state, Intent::Expand); // the root open, its keys collapsed
    let shown = screen(&state);
    let dashboard = shown.lines().find(|l| l.contains("dashboard")).unwrap();
    assert!(
        dashboard.contains("{40} {widget_000") && dashboard.trim_end().ends_with("…│"),
        "{shown}"
    );
    to_row(&mut state, 2);
    press(&mut state, Intent::Delete);
    common::tui::key(&mut state, crossterm::event::KeyCode::Char('y'));
    let shown = screen(&state);
    let onboarding = shown.lines().find(|l| l.contains("onboarding")).unwrap();
    assert!(onboarding.contains("{2} {completed: true"), "the true count: {shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn help_at_80x24_fits_and_scrolls_instead_of_cutting() {
    let mut state = opened(80, 24, jane());
    update(&mut state, Msg::Resize(80, 24));
    press(&mut state, Intent::Help);
    let first = screen(&state);
    assert!(first.contains("j/k scroll"), "{first}");
    assert!(first.contains("down") && !first.contains("history / revert"), "{first}");
    common::tui::key(&mut state, crossterm::event::KeyCode::PageDown);
    let later = screen(&state);
    assert!(state.help, "scrolling keeps the help open");
    assert!(later.contains("history / revert"), "the last keys are reached: {later}");
    common::tui::key(&mut state, crossterm::event::KeyCode::Char('x'));
    assert!(!state.help, "any other key closes it");
}

#[test]
fn long_lines_in_the_preview_end_with_an_ellipsis_and_scroll_sideways() {
    let city = format!(
        "a very long city name that goes well beyond the width of the box {}",
        "z".repeat(40)
    );
    let user = user(3, Some((serde_json::json!({"city": city}), serde_json::json!({}))));
    let mut state = opened(80, 24, user);
    update(&mut state, Msg::Resize(80, 24));
    to_row(&mut state, 1);
    press(&mut state, Intent::Delete);
    press(&mut state, Intent::Preview);
    let shown = screen(&state);
    let cut = shown.lines().find(|l| l.contains("- city: \"a very long")).unwrap();
    assert!(cut.contains("box…│"), "marked, not silently cut: {shown}");
    assert!(!shown.contains("zzzzzzzzzz\""), "{shown}");
    for _ in 0..8 {
        common::tui::key(&mut state, crossterm::event::KeyCode::Right);
    }
    let moved = screen(&state);
    assert!(moved.contains("zzzz\""), "→ shows the rest: {moved}");
    assert!(
        moved.lines().any(|l| l.contains("│…")),
        "and marks what is left of the start: {moved}"
    );
}

#[test]
fn the_json_editor_opens_laid_out_one_line_per_line() {
    let mut state = jane_state();
    press(&mut state, Intent::EditJson);
    let Some(auth0_meta::tui::state::Overlay::Editor(editor)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    let lines = editor.text.lines();
    assert!(lines.len() > 3, "{lines:?}");
    assert_eq!(lines[1], "  \"hobby\": \"surfing\",");
    assert!(!lines.iter().any(|l| l.contains("\\u000a")), "{lines:?}");
    let shown = screen(&state);
    assert!(shown.contains("\"hobby\": \"surfing\","), "{shown}");
}

#[test]
fn the_conflict_view_wraps_json_between_tokens_and_marks_continuations() {
    use auth0_meta::domain::{Conflict, ConflictReport, MetadataField};
    use auth0_meta::tui::conflict_screen::ConflictScreen;
    let devices: Vec<serde_json::Value> = (0..6)
        .map(|i| serde_json::json!({"id": format!("dev-{i}"), "name": "ThinkPad", "trusted": i % 2 == 0}))
        .collect();
    let report = ConflictReport {
        overwritten: vec![Conflict {
            field: MetadataField::User,
            key: "devices".into(),
            loaded: Some(serde_json::json!(devices[..5])),
            server: Some(serde_json::json!(devices)),
            ours: Some(serde_json::json!(devices[..4])),
        }],
        kept: Vec::new(),
    };
    let screen = ConflictScreen::new(report, jane());
    let values: Vec<&str> = screen
        .lines
        .iter()
        .map(|(_, _, t)| t.as_str())
        .filter(|t| t.contains("\"id\""))
        .collect();
    assert!(values.len() > 3, "{values:?}");
    for pair in values.windows(2) {
        if pair[1].starts_with("↪ ") {
            let end = pair[0].chars().last().unwrap();
            assert!(matches!(end, ',' | ':' | ' '), "cut between tokens: {:?}", pair);
        }
    }
    assert!(
        values.iter().any(|l| l.starts_with("↪ ")),
        "continuations marked: {values:?}"
    );
}

/// Wide (CJK) text takes two cells a character: values and collapsed summaries are cut
/// to the box by cells, with `…`, never past its edge.
#[test]
fn cjk_values_are_cut_by_cells_at_80x24() {
    let mut user = jane();
    user.0.insert(
        "user_metadata".into(),
        serde_json::json!({
            "city": "東京都千代田区丸の内一丁目九番一号東京駅八重洲北口改札前広場から徒歩五分",
            "home": {"street": "大阪府大阪市北区梅田三丁目一番一号", "note": "北京市朝阳区建国门外大街一号国贸大厦"},
            "name": "김민준 박서연 이도윤 최지우 정하준 강서윤 조민서"
        }),
    );
    let mut state = opened(80, 24, user);
    press(&mut state, Intent::ExpandAll);
    press(&mut state, Intent::CollapseAll);
    let shown = screen(&state);
    for line in shown.lines() {
        assert!(auth0_meta::text::width(line) <= 80, "{line}");
    }
    assert!(shown.contains("東京都"), "{shown}");
    assert!(shown.lines().any(|l| l.contains("city") && l.contains('…')), "{shown}");
    insta::assert_snapshot!(shown);
}
