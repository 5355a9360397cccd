//! `A` in the users list: the audit of the current search (or, asked first, the whole
//! tenant), its overlay, and a finding's users searched in the list.

use crate::common;

use auth0_meta::emulator::EmulatorConfig;
use auth0_meta::tui::effect::Effect;
use auth0_meta::tui::msg::Intent;
use auth0_meta::tui::state::{Confirm, Overlay, State};
use common::settle::settle;
use common::tui::{key, press, screen};
use common::{client, start, TOKEN};
use crossterm::event::KeyCode;
use serde_json::json;

fn seed() -> String {
    let users: Vec<_> = (0..4)
        .map(|n| {
            let mut app = json!({"plan": "pro"});
            if n == 2 {
                app["name"] = json!("Billing Dept");
            }
            json!({
                "user_id": format!("auth0|tui{n}"),
                "email": format!("tui{n}@example.com"),
                "created_at": "2024-01-01T00:00:00.000Z",
                "updated_at": "2024-01-01T00:00:00.000Z",
                "identities": [{"connection": "Username-Password-Authentication", "user_id": format!("tui{n}"), "provider": "auth0", "isSocial": false}],
                "user_metadata": {"age": if n == 1 { json!("30") } else { json!(30 + n) }, "blob": "x".repeat(if n == 3 { 11_000 } else { 10 })},
                "app_metadata": app,
            })
        })
        .collect();
    serde_json::to_string(&users).unwrap()
}

#[tokio::test]
async fn a_audits_the_search_and_enter_searches_a_findings_users() {
    let emulator = start(EmulatorConfig::local(TOKEN), &seed()).await;
    let (client, _) = client(&emulator);
    let mut state = State::new("demo", true, 110, 34);
    let effects = auth0_meta::tui::update::list::reload(&mut state);
    settle(&mut state, &client, effects).await;
    state.list.query = "user_id:auth0*".into();
    let effects = press(&mut state, Intent::Audit);
    assert_eq!(
        effects,
        [Effect::Audit {
            query: Some("user_id:auth0*".into())
        }]
    );
    settle(&mut state, &client, effects).await;
    let Some(Overlay::Audit(audit)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    assert_eq!(audit.report.users, 4);
    insta::assert_snapshot!(screen(&state));
    // The findings: over_cap, mixed_types, root_collision (with a query), …
    let kinds: Vec<&str> = audit.report.findings.iter().map(|f| f.kind).collect();
    let collision = kinds.iter().position(|k| *k == "root_collision").unwrap();
    for _ in 0..collision {
        press(&mut state, Intent::Down);
    }
    let effects = key(&mut state, KeyCode::Enter);
    assert!(state.overlay.is_none());
    assert_eq!(state.list.query, "_exists_:app_metadata.name");
    settle(&mut state, &client, effects).await;
    let ids: Vec<&str> = state.list.users.iter().map(|u| u.id()).collect();
    assert_eq!(ids, ["auth0|tui2"], "exactly the finding's users");
}

#[test]
fn without_a_search_the_whole_tenant_is_asked_first() {
    let mut state = common::tui::listed(100, 30);
    let effects = press(&mut state, Intent::Audit);
    assert!(effects.is_empty());
    assert!(matches!(state.overlay, Some(Overlay::Confirm(Confirm::AuditTenant))));
    assert!(screen(&state).contains("export job"), "{}", screen(&state));
    let effects = key(&mut state, KeyCode::Char('y'));
    assert_eq!(effects, [Effect::Audit { query: None }]);
}

#[tokio::test]
async fn enter_on_a_finding_search_cannot_express_lists_the_audits_users_by_id() {
    let emulator = start(EmulatorConfig::local(TOKEN), &seed()).await;
    let (client, _) = client(&emulator);
    let mut state = State::new("demo", true, 110, 34);
    let effects = auth0_meta::tui::update::list::reload(&mut state);
    settle(&mut state, &client, effects).await;
    state.list.query = "user_id:auth0*".into();
    let effects = press(&mut state, Intent::Audit);
    settle(&mut state, &client, effects).await;
    let Some(Overlay::Audit(audit)) = &state.overlay else {
        panic!("{:?}", state.status)
    };
    let mixed = audit
        .report
        .findings
        .iter()
        .position(|f| f.kind == "mixed_types")
        .unwrap();
    assert_eq!(audit.report.findings[mixed].query, None);
    for _ in 0..mixed {
        press(&mut state, Intent::Down);
    }
    let effects = key(&mut state, KeyCode::Enter);
    assert!(matches!(effects.as_slice(), [Effect::FindingUsers(_)]), "{effects:?}");
    settle(&mut state, &client, effects).await;
    assert!(state.overlay.is_none());
    assert_eq!(state.list.query, r#"user_id:("auth0|tui1")"#);
    let ids: Vec<&str> = state.list.users.iter().map(|u| u.id()).collect();
    assert_eq!(ids, ["auth0|tui1"], "exactly the finding's users: {:?}", state.status);
    let status = format!("{:?}", state.status);
    assert!(
        status.contains("mixed_types at user_metadata.age: its 1 user, by id"),
        "{status}"
    );
    assert!(
        status.contains("audit --users mixed_types --path 'user_metadata.age'"),
        "{status}"
    );
}

#[test]
fn s_sorts_the_census_by_the_next_key() {
    let mut state = common::tui::listed(100, 30);
    let mut audit = auth0_meta::audit::Audit::new(auth0_meta::audit::Options::default());
    for n in 0..6 {
        let mut metadata = json!({"zeta": n, "alpha": if n % 2 == 0 { json!(1) } else { json!("1") }});
        if n < 2 {
            metadata["many"] = json!(n);
        }
        audit.add_line(
            json!({"user_id": format!("auth0|{n}"), "user_metadata": metadata})
                .to_string()
                .as_bytes(),
        );
    }
    let users = auth0_meta::audit_source::Spool::create().unwrap().finish().unwrap();
    let audited = auth0_meta::tui::msg::Audited {
        report: audit.finish(None),
        users: std::sync::Arc::new(users),
    };
    auth0_meta::tui::update::update(&mut state, auth0_meta::tui::msg::Msg::Audited(Ok(Box::new(audited))));
    let census = |state: &State| -> Vec<String> {
        let Some(Overlay::Audit(audit)) = &state.overlay else {
            panic!()
        };
        let at = audit
            .lines
            .iter()
            .position(|(_, l)| l.starts_with("── metadata paths"))
            .unwrap();
        audit.lines[at..]
            .iter()
            .map(|(_, l)| l.split_whitespace().next().unwrap_or("").to_string())
            .skip(2)
            .filter(|path| path != "user_metadata")
            .collect()
    };
    let heading = |state: &State| {
        let Some(Overlay::Audit(audit)) = &state.overlay else {
            panic!()
        };
        audit
            .lines
            .iter()
            .find(|(_, l)| l.starts_with("── metadata paths"))
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(
        census(&state),
        ["user_metadata.alpha", "user_metadata.zeta", "user_metadata.many"]
    );
    assert!(
        heading(&state).contains("by users (s: sort by path)"),
        "{}",
        heading(&state)
    );
    key(&mut state, KeyCode::Char('s'));
    assert_eq!(
        census(&state),
        ["user_metadata.alpha", "user_metadata.many", "user_metadata.zeta"]
    );
    key(&mut state, KeyCode::Char('s'));
    assert_eq!(
        census(&state)[0],
        "user_metadata.alpha",
        "the mixed path first by types"
    );
    key(&mut state, KeyCode::Char('s'));
    assert_eq!(
        census(&state),
        ["user_metadata.zeta", "user_metadata.alpha", "user_metadata.many"]
    );
    assert!(heading(&state).contains("by distinct values"), "{}", heading(&state));
}
