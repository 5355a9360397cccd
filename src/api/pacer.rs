//! Pacing requests to the tenant's rate budget, as its answers report it. Auth0's budget
//! is a token bucket: a burst (`x-ratelimit-limit`), refilled at a rate the headers do not
//! state. Requests go unpaced until the bucket is found empty (a 429, or
//! `x-ratelimit-remaining: 0`); from then on the rate the tenant admitted over the last
//! two seconds is measured and requests are spaced a little above it, so the bucket stays
//! drained (every token used) while refusals stay rare; with room left in the bucket it
//! goes unpaced again until the bucket is empty once more. Other clients of the tenant share the bucket: what they use is simply
//! not admitted to us, and the pace follows.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The span over which the admitted rate is measured.
const WINDOW: Duration = Duration::from_secs(2);
/// Paced this much above the rate measured, to keep the bucket drained.
const ABOVE: f64 = 1.05;
/// Never slower than this, whatever was measured.
const SLOWEST: f64 = 0.5;

#[derive(Default)]
pub struct Pacer {
    model: Mutex<Model>,
}

#[derive(Default)]
struct Model {
    /// Requests a second; `None` while the bucket has not been found empty.
    pace: Option<f64>,
    /// When the next request may leave.
    next: Option<Instant>,
    /// Answers of the last `WINDOW`: when, and whether the request was admitted.
    answers: VecDeque<(Instant, bool)>,
}

impl Pacer {
    /// How long the next request waits for its turn (and takes it).
    pub fn turn(&self) -> Duration {
        let mut model = self.model.lock().unwrap_or_else(|p| p.into_inner());
        let Some(pace) = model.pace else { return Duration::ZERO };
        let now = Instant::now();
        let at = model.next.map_or(now, |next| next.max(now));
        model.next = Some(at + Duration::from_secs_f64(1.0 / pace));
        at - now
    }

    /// An answer came: `refused` for a 429, with the bucket's remaining tokens if told.
    pub fn answered(&self, refused: bool, remaining: Option<u64>) {
        let mut model = self.model.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        model.answers.push_back((now, !refused));
        while model.answers.front().is_some_and(|(at, _)| now - *at > WINDOW) {
            model.answers.pop_front();
        }
        let empty = refused || remaining == Some(0);
        if empty {
            let span = model.answers.front().map_or(WINDOW, |(at, _)| now - *at);
            let admitted = model.answers.iter().filter(|(_, ok)| *ok).count() as f64;
            let measured = admitted / span.as_secs_f64().max(0.5);
            model.pace = Some((measured * ABOVE).max(SLOWEST));
        } else if remaining.is_some_and(|r| r > 1) {
            // Room in the bucket (the tenant's rate rose, or others stopped): unpaced
            // until it is empty again, and measured afresh then.
            model.pace = None;
            model.next = None;
        }
    }

    /// How soon a request refused for the rate limit may try again: at its next turn, when
    /// the pace rests on a real measure (ten requests admitted over a second or more);
    /// otherwise `None`, and the reset the headers give is waited for.
    pub fn retry_after(&self) -> Option<Duration> {
        let model = self.model.lock().unwrap_or_else(|p| p.into_inner());
        let pace = model.pace?;
        let admitted = model.answers.iter().filter(|(_, ok)| *ok).count();
        let span = match (model.answers.front(), model.answers.back()) {
            (Some((first, _)), Some((last, _))) => *last - *first,
            _ => Duration::ZERO,
        };
        (admitted >= 10 && span >= Duration::from_secs(1)).then(|| Duration::from_secs_f64(1.0 / pace))
    }

    /// The pace now, in requests a second, once one was set.
    pub fn pace(&self) -> Option<f64> {
        self.model.lock().unwrap_or_else(|p| p.into_inner()).pace
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpaced_until_the_bucket_is_found_empty_then_spaced() {
        let pacer = Pacer::default();
        for _ in 0..10 {
            pacer.answered(false, Some(5));
            assert_eq!(pacer.turn(), Duration::ZERO, "room in the bucket: no wait");
        }
        pacer.answered(true, Some(0));
        let pace = pacer.pace().expect("paced once refused");
        assert!(pace >= SLOWEST);
        pacer.turn();
        assert!(pacer.turn() > Duration::ZERO, "the second request waits its turn");
    }

    #[test]
    fn a_refusal_waits_for_the_reset_until_the_pace_is_measured() {
        let pacer = Pacer::default();
        pacer.answered(false, Some(1));
        pacer.answered(true, Some(0));
        assert_eq!(pacer.retry_after(), None, "two answers measure nothing");
    }

    #[test]
    fn room_in_the_bucket_ends_the_pacing() {
        let pacer = Pacer::default();
        pacer.answered(true, Some(0));
        pacer.answered(false, Some(1));
        assert!(pacer.pace().is_some(), "one token left: still paced");
        pacer.answered(false, Some(8));
        assert_eq!(pacer.pace(), None);
        assert_eq!(pacer.turn(), Duration::ZERO);
    }
}
