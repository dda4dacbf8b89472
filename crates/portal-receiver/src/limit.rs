//! The rate limit: at most `per_minute` new submissions per client address in any rolling 60 s.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(60);

/// Above this many addresses, those with nothing left in the window are forgotten.
const PRUNE_ABOVE: usize = 10_000;

pub struct Limiter {
    per_minute: usize,
    seen: HashMap<IpAddr, VecDeque<Instant>>,
}

impl Limiter {
    pub fn new(per_minute: usize) -> Limiter {
        Limiter {
            per_minute,
            seen: HashMap::new(),
        }
    }

    /// Counts a submission from `ip` at `now`, or answers the whole seconds to wait when the
    /// window is full (the refused attempt is not counted).
    pub fn admit(&mut self, ip: IpAddr, now: Instant) -> Result<(), u64> {
        if self.seen.len() > PRUNE_ABOVE {
            self.seen.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.saturating_duration_since(*t) < WINDOW)
            });
        }
        let times = self.seen.entry(ip).or_default();
        while times
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW)
        {
            times.pop_front();
        }
        match times.front() {
            Some(oldest) if times.len() >= self.per_minute => {
                let wait = WINDOW.saturating_sub(now.saturating_duration_since(*oldest));
                // Whole seconds, rounded up, at least one.
                let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                Err(secs.max(1))
            }
            _ => {
                times.push_back(now);
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rolling_window_per_address() {
        let mut limiter = Limiter::new(2);
        let (a, b): (IpAddr, IpAddr) = ("127.0.0.1".parse().unwrap(), "::1".parse().unwrap());
        let t0 = Instant::now();
        assert_eq!(limiter.admit(a, t0), Ok(()));
        assert_eq!(limiter.admit(a, t0 + Duration::from_secs(10)), Ok(()));
        assert_eq!(
            limiter.admit(a, t0 + Duration::from_millis(20_500)),
            Err(40)
        );
        // Another address has its own window.
        assert_eq!(limiter.admit(b, t0 + Duration::from_secs(21)), Ok(()));
        // The first submission leaves the window after 60 s, the second after 70 s.
        assert_eq!(limiter.admit(a, t0 + Duration::from_secs(60)), Ok(()));
        assert_eq!(limiter.admit(a, t0 + Duration::from_secs(61)), Err(9));
        assert_eq!(limiter.admit(a, t0 + Duration::from_secs(70)), Ok(()));
    }
}
