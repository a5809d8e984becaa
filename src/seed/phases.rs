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

/// User plus system CPU time of the calling thread, where Linux's /proc
/// tells it (fields 14 and 15 of /proc/thread-self/stat, in clock ticks of
/// 1/100 s on every common configuration); `None` elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let user = thread_stat_field(14)?;
    let system = thread_stat_field(15)?;
    Some((user + system) as f64 / 100.0)
}

/// Field `n` (numbered from 1, as in proc(5)) of the calling thread's
/// /proc/thread-self/stat, for the numeric fields after the command name;
/// `None` where there is no such file.
pub(super) fn thread_stat_field(n: usize) -> Option<i64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after it do not.
    let after_name = stat.rsplit_once(')')?.1;
    after_name
        .split_whitespace()
        .nth(n.checked_sub(3)?)?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_grows_with_work_on_linux() {
        let Some(before) = thread_cpu_seconds() else {
            return; // not Linux: nothing to read
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
