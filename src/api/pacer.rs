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
        self.turn_at(Instant::now())
    }

    fn turn_at(&self, now: Instant) -> Duration {
        let mut model = self.model.lock().unwrap_or_else(|p| p.into_inner());
        let Some(pace) = model.pace else { return Duration::ZERO };
        let at = model.next.map_or(now, |next| next.max(now));
        model.next = Some(at + Duration::from_secs_f64(1.0 / pace));
        at - now
    }

    /// An answer came: `refused` for a 429, with the bucket's remaining tokens if told.
    pub fn answered(&self, refused: bool, remaining: Option<u64>) {
        self.answered_at(Instant::now(), refused, remaining)
    }

    fn answered_at(&self, now: Instant, refused: bool, remaining: Option<u64>) {
        let mut model = self.model.lock().unwrap_or_else(|p| p.into_inner());
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

    /// `n` answers admitted with tokens to spare, spread evenly over `over` before `end`.
    fn admitted(pacer: &Pacer, end: Instant, n: u32, over: Duration) {
        for i in 0..n {
            pacer.answered_at(end - over + over * i / n, false, Some(1));
        }
    }

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn unpaced_until_the_bucket_is_found_empty() {
        let (pacer, t) = (Pacer::default(), Instant::now());
        pacer.answered_at(t, false, Some(5));
        assert_eq!(pacer.turn_at(t), Duration::ZERO);
        assert_eq!(pacer.pace(), None);
        pacer.answered_at(t, false, Some(0));
        assert!(pacer.pace().is_some(), "remaining 0 is an empty bucket too");
    }

    #[test]
    fn the_pace_is_what_was_admitted_over_the_window_and_a_little_more() {
        let (pacer, t) = (Pacer::default(), Instant::now() + secs(10.0));
        admitted(&pacer, t, 20, secs(1.0));
        pacer.answered_at(t, true, Some(0));
        // 20 admitted in 1 s (the refusal itself is not admitted).
        let pace = pacer.pace().unwrap();
        assert!((pace - 20.0 * ABOVE).abs() < 0.01, "{pace}");
        assert_eq!(pacer.turn_at(t), Duration::ZERO, "the first goes at once");
        let second = pacer.turn_at(t);
        assert!((second.as_secs_f64() - 1.0 / pace).abs() < 1e-6, "{second:?}");
        let third = pacer.turn_at(t + secs(0.01));
        assert!((third.as_secs_f64() - (2.0 / pace - 0.01)).abs() < 1e-6, "{third:?}");
    }

    #[test]
    fn answers_older_than_the_window_are_forgotten() {
        let (pacer, t) = (Pacer::default(), Instant::now() + secs(10.0));
        admitted(&pacer, t - secs(3.0), 100, secs(1.0));
        admitted(&pacer, t, 10, secs(1.0));
        pacer.answered_at(t, true, None);
        let pace = pacer.pace().unwrap();
        assert!((pace - 10.0 * ABOVE).abs() < 0.01, "only the last 2 s count: {pace}");
        let (pacer, t) = (Pacer::default(), Instant::now() + secs(10.0));
        pacer.answered_at(t - WINDOW, false, Some(1));
        admitted(&pacer, t, 9, secs(1.0));
        pacer.answered_at(t, true, None);
        let pace = pacer.pace().unwrap();
        assert!(
            (pace - 10.0 / 2.0 * ABOVE).abs() < 0.01,
            "exactly 2 s old still counts: {pace}"
        );
    }

    #[test]
    fn a_short_measure_is_spread_over_half_a_second_at_least() {
        let (pacer, t) = (Pacer::default(), Instant::now() + secs(10.0));
        admitted(&pacer, t, 5, secs(0.1));
        pacer.answered_at(t, true, Some(0));
        let pace = pacer.pace().unwrap();
        assert!((pace - 10.0 * ABOVE).abs() < 0.01, "{pace}");
        let pacer = Pacer::default();
        pacer.answered_at(t, true, Some(0));
        assert_eq!(pacer.pace(), Some(SLOWEST), "nothing admitted: the slowest pace");
    }

    #[test]
    fn a_refusal_tries_again_at_its_turn_once_the_pace_is_measured() {
        let (pacer, t) = (Pacer::default(), Instant::now() + secs(10.0));
        pacer.answered_at(t, true, Some(0));
        assert_eq!(pacer.retry_after(), None, "nothing measured: wait for the reset");
        let (pacer, t) = (Pacer::default(), Instant::now() + secs(10.0));
        admitted(&pacer, t, 10, secs(0.5));
        pacer.answered_at(t, true, Some(0));
        assert_eq!(pacer.retry_after(), None, "ten answers, but over half a second");
        let (pacer, t) = (Pacer::default(), Instant::now() + secs(10.0));
        admitted(&pacer, t, 9, secs(1.5));
        pacer.answered_at(t, true, Some(0));
        assert_eq!(pacer.retry_after(), None, "nine admitted");
        let (pacer, t) = (Pacer::default(), Instant::now() + secs(10.0));
        admitted(&pacer, t, 10, secs(1.0));
        pacer.answered_at(t, true, Some(0));
        let wait = pacer.retry_after().expect("a measured pace");
        assert!(
            (wait.as_secs_f64() - 1.0 / pacer.pace().unwrap()).abs() < 1e-6,
            "{wait:?}"
        );
    }

    #[test]
    fn the_clock_wrappers_pace_too() {
        let pacer = Pacer::default();
        pacer.answered(true, Some(0));
        assert_eq!(pacer.pace(), Some(SLOWEST));
        pacer.turn();
        // The next turn is two seconds (1 / SLOWEST) after the first.
        assert!(pacer.turn() > secs(1.0));
    }

    #[test]
    fn room_in_the_bucket_ends_the_pacing() {
        let (pacer, t) = (Pacer::default(), Instant::now());
        pacer.answered_at(t, true, Some(0));
        pacer.answered_at(t, false, Some(1));
        assert!(pacer.pace().is_some(), "one token left: still paced");
        pacer.answered_at(t, false, Some(2));
        assert_eq!(pacer.pace(), None);
        assert_eq!(pacer.turn_at(t), Duration::ZERO);
    }
}
