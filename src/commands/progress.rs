//! A progress bar on standard error for long reads (the audit's users): done so far,
//! the rate and, when the whole is known, a bar and the time left. Quiet when standard
//! error is not a terminal, so scripts and pipes get only the result.

use std::io::{self, IsTerminal};
use std::time::{Duration, Instant};

const WIDTH: usize = 24;
const EVERY: Duration = Duration::from_millis(200);

pub struct Progress {
    show: bool,
    what: &'static str,
    started: Instant,
    last: Option<Instant>,
}

impl Progress {
    pub fn new(what: &'static str) -> Self {
        Self {
            show: io::stderr().is_terminal(),
            what,
            started: Instant::now(),
            last: None,
        }
    }

    /// `done` users so far; `fraction` of the whole when it is known (bytes read of a
    /// file, users of a search's total).
    pub fn tick(&mut self, done: u64, fraction: Option<f64>) {
        if !self.show || self.last.is_some_and(|last| last.elapsed() < EVERY) {
            return;
        }
        self.last = Some(Instant::now());
        show(&line(self.what, done, fraction, self.started.elapsed()));
    }

    /// A line of the caller's own, at the same pace (made only when it is shown).
    pub fn tick_with(&mut self, text: impl FnOnce(std::time::Duration) -> String) {
        if !self.show || self.last.is_some_and(|last| last.elapsed() < EVERY) {
            return;
        }
        self.last = Some(Instant::now());
        show(&text(self.started.elapsed()));
    }

    pub fn done(&mut self, users: u64) {
        if self.show {
            note_inline!(
                "\r{ERASE}{} {users} users in {:.1?}\n",
                self.what,
                self.started.elapsed()
            );
        }
    }
}

/// Erases to the end of the line: what a longer line before left is gone.
const ERASE: &str = "\x1b[K";

/// The line over the previous one, cut to the terminal's width (a wrapped line could not
/// be written over).
fn show(text: &str) {
    let width = crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w));
    note_inline!("\r{}{ERASE}", crate::text::cut(text, width.saturating_sub(1)));
}

/// A bar of `WIDTH` cells, `fraction` of them filled.
pub fn bar(fraction: f64) -> String {
    let filled = (fraction.clamp(0.0, 1.0) * WIDTH as f64).round() as usize;
    format!("[{}{}]", "#".repeat(filled), ".".repeat(WIDTH - filled))
}

/// `[#########...............]  37%  370000 users  210000/s  2s left`.
pub fn line(what: &str, done: u64, fraction: Option<f64>, elapsed: Duration) -> String {
    let seconds = elapsed.as_secs_f64().max(0.001);
    let rate = done as f64 / seconds;
    let mut out = format!("{what} {done} users  {rate:.0}/s");
    if let Some(fraction) = fraction.map(|f| f.clamp(0.0, 1.0)) {
        let filled = (fraction * WIDTH as f64).round() as usize;
        let left = match fraction > 0.0 {
            true => format!("{:.0}s left", seconds * (1.0 - fraction) / fraction),
            false => "time left unknown".to_string(),
        };
        out = format!(
            "[{}{}] {:>3.0}%  {out}  {left}",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            fraction * 100.0
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_whole_gets_a_bar_and_the_time_left() {
        let text = line("audited", 250, Some(0.25), Duration::from_secs(10));
        assert_eq!(
            text,
            "[######..................]  25%  audited 250 users  25/s  30s left"
        );
        let text = line("audited", 250, None, Duration::from_secs(10));
        assert_eq!(text, "audited 250 users  25/s");
    }
}
