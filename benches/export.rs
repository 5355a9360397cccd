//! The export's streaming path (issue 14): the emulator exports generated users, and
//! `export` follows the job, downloads, gunzips, parses and writes NDJSON, in-process.
//! Criterion reports users/s. Peak memory of the real binaries over a million users is
//! measured by `bash benches/export.sh`, side by side with `jq -c`.
//! Run with `cargo bench --bench export`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly, by design

use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use auth0_meta::api::Client;
use auth0_meta::config::{Credentials, Target};
use auth0_meta::emulator::{Emulator, EmulatorConfig};
use auth0_meta::export::{export, Format, Options};
use auth0_meta::secret::Secret;
use criterion::{criterion_group, Criterion, Throughput};

const USERS: u64 = 100_000;
const TOKEN: &str = "bench";

/// Counts bytes instead of keeping them: the bench measures the path, not a disk.
struct Counting(Arc<AtomicU64>);

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.fetch_add(buf.len() as u64, Ordering::Relaxed);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn args(filter: Option<&str>) -> Options {
    Options {
        connection: None,
        fields: Vec::new(),
        format: Format::Ndjson,
        filter: filter.map(String::from),
    }
}

fn bench_export(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let emulator: Emulator = runtime.block_on(async {
        let config = EmulatorConfig {
            synthetic_users: USERS,
            rate_per_second: 1_000.0,
            burst: 10_000,
            ..EmulatorConfig::local(TOKEN)
        };
        Emulator::start(config, "[]").await.unwrap()
    });
    let target = Target {
        base_url: emulator.base_url(),
        label: "bench".into(),
        credentials: Credentials::Token(Secret::new(TOKEN)),
    };
    let client = Client::new(&target).unwrap();
    let mut group = c.benchmark_group("export");
    group.sample_size(10).throughput(Throughput::Elements(USERS));
    for (name, filter) in [("ndjson", None), ("ndjson_filtered", Some("app_metadata.plan:pro"))] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let written = Arc::new(AtomicU64::new(0));
                let out = Box::new(Counting(written.clone()));
                let done = runtime.block_on(export(&client, &args(filter), out)).unwrap();
                assert_eq!(done.read, USERS);
                written.load(Ordering::Relaxed)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_export);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
