//! The 16 MB legacy profile the large-document benchmarks share.

use serde_json::{json, Value};

/// A legacy profile: an event log of nested objects and arrays plus a settings tree.
pub fn big_user_json() -> String {
    const KINDS: [&str; 4] = ["login", "export", "share", "upgrade"];
    let events: Vec<Value> = (0..44_000)
        .map(|i| {
            json!({
                "at": format!("2024-03-{:02}T{:02}:{:02}:00.000Z", i % 28 + 1, i % 24, i % 60),
                "type": KINDS[i % 4],
                "detail": {
                    "ip": format!("198.51.{}.{}", i % 256, (i * 7) % 256),
                    "agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
                    "tags": ["web", "mfa"],
                    "session": format!("sess_{i:016x}{:016x}", i * 31),
                    "note": "x".repeat(80),
                },
                "n": i,
                "ok": i % 3 != 0,
            })
        })
        .collect();
    let settings: serde_json::Map<String, Value> = (0..2_000)
        .map(|k| {
            (
                format!("widget_{k:04}"),
                json!({"visible": k % 2 == 0, "position": [k % 12, k / 12], "label": format!("Widget {k}")}),
            )
        })
        .collect();
    let user = json!({
        "user_id": "auth0|legacy",
        "email": "legacy@example.com",
        "user_metadata": {"tier": "gold", "history": events, "dashboard": settings},
        "app_metadata": {"plan": "enterprise"},
    });
    serde_json::to_string(&user).unwrap()
}
