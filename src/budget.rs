//! A time limit on one file's analysis. Generated or hostile text (a 1.5 MB chain of
//! calls, a million numbers in a row) can make a parse or a query cost seconds, and
//! neither the editor nor CI should wait on it.
//!
//! The limit belongs to the thread: a file is analysed on one thread, and the parsers
//! and query cursors deep inside the engine consult it through their progress
//! callbacks, without every function in between carrying it. With no limit set (tests,
//! tools) they never stop.

use std::cell::Cell;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static STOPPED: Cell<bool> = const { Cell::new(false) };
}

/// The analysis running on this thread under a time limit, from `Limit::start` until
/// it is dropped.
#[must_use = "the limit is lifted when this is dropped"]
pub struct Limit {
    previous: Option<Instant>,
    previous_stopped: bool,
}

impl Limit {
    /// Limits what runs on this thread from now on to `limit` (`None`: no limit).
    pub fn start(limit: Option<Duration>) -> Limit {
        let previous = DEADLINE.replace(limit.map(|l| Instant::now() + l));
        let previous_stopped = STOPPED.replace(false);
        Limit {
            previous,
            previous_stopped,
        }
    }

    /// Whether a parse or a query stopped because the time ran out: the analysis is
    /// incomplete, though what it found holds.
    pub fn stopped(&self) -> bool {
        STOPPED.get()
    }
}

impl Drop for Limit {
    fn drop(&mut self) {
        DEADLINE.set(self.previous);
        let stopped = STOPPED.get();
        STOPPED.set(self.previous_stopped || stopped);
    }
}

/// For tree-sitter's progress callbacks: `Break` once the time is up, and from then on
/// the analysis counts as stopped.
pub fn check() -> ControlFlow<()> {
    match DEADLINE.get() {
        Some(deadline) if Instant::now() >= deadline => {
            STOPPED.set(true);
            ControlFlow::Break(())
        }
        _ => ControlFlow::Continue(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_holds_until_it_is_dropped() {
        assert!(check().is_continue(), "no limit, no stop");
        {
            let limit = Limit::start(Some(Duration::ZERO));
            assert!(!limit.stopped(), "nothing has stopped yet");
            assert!(check().is_break());
            assert!(limit.stopped());
        }
        assert!(check().is_continue(), "lifted with the guard");
        let limit = Limit::start(Some(Duration::from_secs(3600)));
        assert!(check().is_continue());
        assert!(!limit.stopped());
        let none = Limit::start(None);
        assert!(check().is_continue());
        drop(none);
        assert!(!limit.stopped());
    }
}
