//! Hooks with side effects. `use_cluster_clock` holds the page's one interval: the only place
//! real time enters the app.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::app::SharedSession;

/// How often the clock moves the cluster on, in real milliseconds.
pub const TICK_MS: u32 = 250;

/// Real time one tick may spend moving the cluster on; the rest waits for the next tick.
const TICK_BUDGET_MS: f64 = 40.0;

/// While `running`, moves the cluster clock on by `speed` × [`TICK_MS`] every [`TICK_MS`]
/// (less when that takes more than [`TICK_BUDGET_MS`] of real time: the frame stays short
/// and the cluster clock falls behind) and then calls `on_tick` (which re-reads the cluster
/// for the views). Paused, or while a
/// `sleep` holds the terminal, there is no interval at all.
#[hook]
pub fn use_cluster_clock(session: SharedSession, running: bool, speed: u32, on_tick: Callback<()>) {
    use_effect_with((running, speed), move |&(running, speed)| {
        let interval = running.then(|| {
            let step_ms = i64::from(TICK_MS) * i64::from(speed);
            Interval::new(TICK_MS, move || {
                let perf = web_sys::window().and_then(|w| w.performance());
                let t0 = perf.as_ref().map_or(0.0, |p| p.now());
                let mut over_budget =
                    || perf.as_ref().is_some_and(|p| p.now() - t0 > TICK_BUDGET_MS);
                if session
                    .try_with(|s| s.tick_within(step_ms, &mut over_budget))
                    .is_some()
                {
                    on_tick.emit(());
                }
            })
        });
        move || drop(interval)
    });
}
