//! Tells a double click: a second left click on the same cell soon after the first.

use std::time::{Duration, Instant};

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

#[derive(Default)]
pub struct ClickTracker {
    last: Option<(u16, u16, Instant)>,
}

impl ClickTracker {
    const WITHIN: Duration = Duration::from_millis(400);

    pub fn double(&mut self, event: &MouseEvent) -> bool {
        if event.kind != MouseEventKind::Down(MouseButton::Left) {
            return false;
        }
        let now = Instant::now();
        let double = self
            .last
            .is_some_and(|(c, r, at)| (c, r) == (event.column, event.row) && now.duration_since(at) < Self::WITHIN);
        self.last = if double {
            None
        } else {
            Some((event.column, event.row, now))
        };
        double
    }
}
