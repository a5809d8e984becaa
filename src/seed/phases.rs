//! Where a seed's time goes. With `ARCHDB_SEED_PHASES` set, each phase
//! prints its wall time and the writer thread's CPU time to stderr, so the
//! benchmark (and anyone chasing a slow seed) can tell parsing from writing
//! from index building without a profiler. Silent otherwise.

use std::time::Instant;

pub struct Phases {
    enabled: bool,
    last: Instant,
    last_cpu: Option<f64>,
}

impl Phases {
    pub fn from_env() -> Self {
        Phases {
            enabled: std::env::var_os("ARCHDB_SEED_PHASES").is_some(),
            last: Instant::now(),
            last_cpu: thread_cpu_seconds(),
        }
    }

    /// Ends the phase called `name` and starts the next one.
    pub fn mark(&mut self, name: &str) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let cpu = thread_cpu_seconds();
        let cpu_text = match (cpu, self.last_cpu) {
            (Some(now), Some(then)) => format!(", writer thread CPU {:.2} s", now - then),
            _ => String::new(),
        };
        eprintln!(
            "phase {name}: {:.2} s{cpu_text}",
            now.duration_since(self.last).as_secs_f64()
        );
        self.last = now;
        self.last_cpu = cpu;
    }
}

/// User plus system CPU time of the calling thread, from the kernel's
/// per-thread clock (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, to the
/// nanosecond rather than in scheduler ticks); `None` elsewhere.
#[cfg(target_os = "linux")]
fn thread_cpu_seconds() -> Option<f64> {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec that the call only writes to.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if status != 0 {
        return None;
    }
    let seconds = u64::try_from(now.tv_sec).ok()?;
    let nanos = u32::try_from(now.tv_nsec).ok()?;
    Some(std::time::Duration::new(seconds, nanos).as_secs_f64())
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_seconds() -> Option<f64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_grows_with_work_on_linux() {
        let Some(before) = thread_cpu_seconds() else {
            return; // not Linux: no thread clock
        };
        let mut x = 0u64;
        let start = Instant::now();
        while start.elapsed().as_millis() < 60 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
        }
        std::hint::black_box(x);
        let after = thread_cpu_seconds().unwrap_or(before);
        assert!(after > before, "{before} -> {after}");
    }
}
