//! Hooks with side effects. `use_cluster_clock` holds the page's one interval: the only place
//! real time enters the app.

use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::app::SharedSession;

/// How often the clock moves the cluster on, in real milliseconds.
pub const TICK_MS: u32 = 250;

/// While `running`, moves the cluster clock on by `speed` × [`TICK_MS`] every [`TICK_MS`]
/// and then calls `on_tick` (which re-reads the cluster for the views). Paused, or while a
/// `sleep` holds the terminal, there is no interval at all.
#[hook]
pub fn use_cluster_clock(session: SharedSession, running: bool, speed: u32, on_tick: Callback<()>) {
    use_effect_with((running, speed), move |&(running, speed)| {
        let interval = running.then(|| {
            let step_ms = i64::from(TICK_MS) * i64::from(speed);
            Interval::new(TICK_MS, move || {
                if session.try_with(|s| s.tick(step_ms)).is_some() {
                    on_tick.emit(());
                }
            })
        });
        move || drop(interval)
    });
}
