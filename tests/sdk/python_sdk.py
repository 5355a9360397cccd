"""Auth0's official Python SDK (auth0-python 6.x) against the emulator, unchanged: the
user, job and connection calls auth0-meta's users make, each checked against what the
seed holds. Run by tests/integration/sdk_python.rs with the emulator's URL and token;
prints "ok" and exits 0, or raises."""

import gzip
import json
import sys
import time
import urllib.request

from auth0.management.client import Auth0

base, token = sys.argv[1], sys.argv[2]
api = Auth0(base_url=f"{base}/api/v2", token=token)

# Users: search (paged by the SDK's pager), get, update metadata, by email.
pro = list(api.users.list(q='app_metadata.plan:"pro"', per_page=10, fields="user_id,app_metadata"))
assert len(pro) == 27, len(pro)
assert all(u.app_metadata["plan"] == "pro" for u in pro)
jane = api.users.get("auth0|64b1f0c2a7e9d3f5b8c1a2e4")
assert jane.email == "jane.doe@example.com", jane.email
updated = api.users.update(jane.user_id, user_metadata={"hobby": None, "sdk": {"checked": True}})
assert updated.user_metadata == {"sdk": {"checked": True}}, updated.user_metadata
found = api.users.list_users_by_email(email="jane.doe@example.com")
assert [u.user_id for u in found] == [jane.user_id]
page = api.users.list(sort="email:1", per_page=5, page=0, include_totals=True)
emails = [u.email for u in page.items]
assert emails == sorted(emails, key=str.lower), emails

# Connections: the SDK pages them by checkpoint.
connections = list(api.connections.list(take=2))
names = [c.name for c in connections]
assert names[0] == "Username-Password-Authentication" and len(names) >= 3, names
database = [c for c in connections if c.strategy == "auth0"]

# An export job of the database connection, followed to its file.
job = api.jobs.users_exports.create(
    connection_id=database[0].id,
    format="json",
    fields=[{"name": "user_id"}, {"name": "email"}, {"name": "user_metadata"}],
)
for _ in range(100):
    shown = api.jobs.get(job.id)
    if shown.status == "completed":
        break
    time.sleep(0.05)
assert shown.status == "completed", shown
with urllib.request.urlopen(shown.location) as answer:
    lines = gzip.decompress(answer.read()).decode().splitlines()
users = [json.loads(line) for line in lines]
assert any(u.get("user_metadata") == {"sdk": {"checked": True}} for u in users)
assert all(set(u) <= {"user_id", "email", "user_metadata"} for u in users)
print("ok")
