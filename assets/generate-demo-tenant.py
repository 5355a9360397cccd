#!/usr/bin/env python3
"""Writes assets/demo-tenant.json: the demo tenant behind `auth0-meta --demo`.

Deterministic (fixed seed), so the file only changes when this script does. Users are full
user objects as GET /api/v2/users/{id} returns them, metadata included.
Run: python3 assets/generate-demo-tenant.py
"""
import json
import os
import random
from datetime import datetime, timedelta, timezone

rng = random.Random(20261123)
BASE = datetime(2024, 3, 1, 9, 0, 0, tzinfo=timezone.utc)

FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam",
         "Maya", "Nils", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wen", "Yusuf", "Zoe"]
LAST = ["Okafor", "Lindqvist", "Tanaka", "Moreau", "Silva", "Novak", "Haddad", "Kowalski", "Byrne", "Costa",
        "Ivanova", "Mensah", "Schmidt", "Patel", "Larsen", "Nguyen"]
CITIES = ["Lisbon", "Osaka", "Nairobi", "Toronto", "Berlin", "Austin", "Lyon", "Krakow", "Seattle", "Porto"]
PLANS = ["free", "pro", "team", "enterprise"]
THEMES = ["dark", "light", "system"]


def ts(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def gravatar(n):
    return f"https://s.gravatar.com/avatar/{n:032x}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fdemo.png"


def base_user(n, email, connection, provider, local_id, social, first=None, last=None):
    created = BASE + timedelta(days=n // 2, minutes=rng.randrange(1440), milliseconds=rng.randrange(1000))
    first = first or rng.choice(FIRST)
    last = last or rng.choice(LAST)
    user = {
        "created_at": ts(created),
        "email": email,
        "email_verified": rng.random() < 0.8,
        "family_name": last,
        "given_name": first,
        "identities": [{"connection": connection, "user_id": local_id, "provider": provider, "isSocial": social}],
        "name": f"{first} {last}",
        "nickname": email.split("@")[0] if email else first.lower(),
        "picture": gravatar(n),
        "updated_at": ts(created + timedelta(days=rng.randrange(30), milliseconds=rng.randrange(1000))),
        "user_id": f"{provider}|{local_id}",
    }
    if rng.random() < 0.75:
        last_login = created + timedelta(days=rng.randrange(1, 200), seconds=rng.randrange(86400))
        user["last_login"] = ts(last_login)
        user["last_ip"] = f"203.0.113.{rng.randrange(1, 255)}"
        user["logins_count"] = rng.randrange(1, 400)
    return user


def flat_metadata():
    return ({"theme": rng.choice(THEMES), "locale": rng.choice(["en-US", "fr-FR", "pt-PT", "ja-JP"]),
             "newsletter": rng.random() < 0.5},
            {"plan": rng.choice(PLANS), "seats": rng.randrange(1, 50)})


def nested_metadata():
    devices = [{"id": f"dev-{rng.randrange(10**6):06d}", "name": rng.choice(["iPhone", "Pixel", "ThinkPad", "iPad"]),
                "last_seen": ts(BASE + timedelta(days=rng.randrange(300))), "trusted": rng.random() < 0.5}
               for _ in range(rng.randrange(1, 4))]
    user_metadata = {
        "addresses": {"home": {"street": f"{rng.randrange(1, 200)} Main Street", "city": rng.choice(CITIES),
                               "postcode": f"{rng.randrange(10000, 99999)}"},
                      "work": {"street": "100 Industrial Way", "city": rng.choice(CITIES)}},
        "preferences": {"theme": rng.choice(THEMES), "notifications": {"email": True, "sms": rng.random() < 0.3,
                                                                        "digest": rng.choice(["daily", "weekly", "never"])},
                        "languages": rng.sample(["en", "fr", "pt", "ja", "de"], 2)},
        "devices": devices,
        "onboarding": {"completed": rng.random() < 0.7, "steps": ["profile", "team", "billing"][:rng.randrange(1, 4)]},
    }
    app_metadata = {
        "plan": rng.choice(PLANS),
        "roles": rng.sample(["admin", "billing", "support", "viewer", "editor"], 2),
        "feature_flags": {"new_editor": rng.random() < 0.5, "beta_reports": rng.random() < 0.2,
                          "limits": {"projects": rng.randrange(1, 100), "storage_gb": rng.choice([5, 50, 500])}},
        "billing": {"customer_id": f"cus_{rng.randrange(16**12):012x}", "invoices": [
            {"number": f"INV-{i:04d}", "amount": rng.randrange(10, 900) + 0.99, "paid": rng.random() < 0.9}
            for i in range(rng.randrange(0, 4))]},
    }
    return user_metadata, app_metadata


def big_metadata(target_bytes):
    """About target_bytes of metadata: an event log and a settings tree, as legacy profiles grow."""
    events, size, i = [], 0, 0
    while size < target_bytes:
        event = {"at": ts(BASE + timedelta(minutes=37 * i)), "type": rng.choice(["login", "export", "share", "upgrade"]),
                 "detail": {"ip": f"198.51.100.{rng.randrange(1, 255)}", "agent": "Mozilla/5.0 (X11; Linux x86_64)",
                            "tags": rng.sample(["web", "mobile", "api", "sso", "mfa"], 2)}}
        events.append(event)
        size += len(json.dumps(event))
        i += 1
    settings = {f"widget_{k:03d}": {"visible": k % 3 != 0, "position": [k % 12, k // 12], "label": f"Widget {k}"}
                for k in range(200)}
    return {"history": events, "dashboard": settings}, {"plan": "enterprise", "legacy_import": True}


def main():
    users = []
    # The documented example user.
    jane = base_user(0, "jane.doe@example.com", "Username-Password-Authentication", "auth0", "64b1f0c2a7e9d3f5b8c1a2e4",
                     False, "Jane", "Doe")
    jane["user_metadata"] = {"hobby": "surfing"}
    jane["app_metadata"] = {"plan": "full"}
    users.append(jane)

    n = 1
    while len(users) < 140:
        kind = n % 10
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first.lower()}.{last.lower()}{n}@example.com"
        if kind in (0, 1, 2, 3, 4):
            user = base_user(n, email, "Username-Password-Authentication", "auth0", f"{rng.randrange(16**24):024x}",
                             False, first, last)
        elif kind in (5, 6):
            user = base_user(n, email.replace("example.com", "gmail.com"), "google-oauth2", "google-oauth2",
                             str(100000000000000000000 + rng.randrange(10**20)), True, first, last)
        elif kind == 7:
            # A SAML user whose id holds a '/', as enterprise ids can.
            user = base_user(n, email.replace("example.com", "acme.example"), "acme-saml", "samlp",
                             f"acme-saml/{first.lower()}.{last.lower()}{n}@acme.example", False, first, last)
        elif kind == 8:
            user = base_user(n, email, "github", "github", str(rng.randrange(10**6, 10**8)), True, first, last)
            # GitHub identities carry a numeric user_id.
            user["identities"][0]["user_id"] = int(user["identities"][0]["user_id"])
        else:
            # A passwordless SMS user: no email, a phone number instead.
            user = base_user(n, None, "sms", "sms", f"{rng.randrange(16**24):024x}", False, first, last)
            del user["email"], user["email_verified"]
            user["phone_number"] = f"+1555{rng.randrange(10**7):07d}"
            user["phone_verified"] = True
        shape = rng.random()
        if shape < 0.25:
            pass  # no metadata at all
        elif shape < 0.55:
            user["user_metadata"], user["app_metadata"] = flat_metadata()
        else:
            user["user_metadata"], user["app_metadata"] = nested_metadata()
        if n == 42:
            user["user_metadata"], user["app_metadata"] = big_metadata(500 * 1024)
            user["nickname"] = "legacy-heavy"
        if n % 17 == 0:
            user["blocked"] = True
        users.append(user)
        n += 1

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo-tenant.json")
    with open(out, "w") as f:
        json.dump(users, f, indent=1)
        f.write("\n")
    print(f"wrote {len(users)} users to {out}")


if __name__ == "__main__":
    main()
