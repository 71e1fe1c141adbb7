//! Time controls: the cluster clock, pause and play, the speed (1×, 2×, 10×) and steps of
//! +1 s and +10 s.

use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};
use crate::ui::format::{clock_date, clock_time};
use crate::ui::state::{ClockState, SPEEDS};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub clock: ClockState,
    pub booted: bool,
    /// true: pause, false: play.
    pub on_pause: Callback<bool>,
    pub on_speed: Callback<u32>,
    /// Milliseconds to move the clock on at once.
    pub on_step: Callback<i64>,
}

#[function_component(TimeControls)]
pub fn time_controls(props: &Props) -> Html {
    let t = |m| i18n::t(props.lang, m);
    let paused = props.clock.paused;
    let now_ms = props.clock.now_s * 1000;
    let on_change = {
        let on_speed = props.on_speed.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                on_speed.emit(sel.value().parse().unwrap_or(1));
            }
        })
    };
    let step = |ms: i64| {
        let on_step = props.on_step.clone();
        Callback::from(move |_: MouseEvent| on_step.emit(ms))
    };
    let pause = {
        let on_pause = props.on_pause.clone();
        Callback::from(move |_: MouseEvent| on_pause.emit(true))
    };
    let play = {
        let on_pause = props.on_pause.clone();
        Callback::from(move |_: MouseEvent| on_pause.emit(false))
    };
    html! {
        <div class={classes!("time-controls", paused.then_some("paused"))} role="group" aria-label={t(Msg::ClusterClock)}>
            <span class="clock" title={format!("{} {}", t(Msg::ClusterClock), if props.booted { clock_date(now_ms) } else { String::new() })}>
                <span class="clock-label">{ t(Msg::ClusterClock) }</span>
                <span class="clock-time" data-testid="cluster-clock">
                    { if props.booted { clock_time(now_ms) } else { "--:--:--".to_string() } }
                </span>
                if paused { <span class="clock-paused">{ t(Msg::ClockPaused) }</span> }
            </span>
            <button class="tc pause" data-testid="time-pause" onclick={pause} disabled={paused}
                title={t(Msg::TimePause)} aria-label={t(Msg::TimePause)}>{ "❚❚" }</button>
            <button class="tc play" data-testid="time-play" onclick={play} disabled={!paused}
                title={t(Msg::TimePlay)} aria-label={t(Msg::TimePlay)}>{ "▶" }</button>
            <select class="tc speed" data-testid="time-speed" onchange={on_change}
                title={t(Msg::TimeSpeed)} aria-label={t(Msg::TimeSpeed)}>
                { for SPEEDS.iter().map(|s| html! {
                    <option value={s.to_string()} selected={*s == props.clock.speed}>{ format!("{s}×") }</option>
                }) }
            </select>
            <button class="tc step-btn" data-testid="time-step" onclick={step(1000)}>{ t(Msg::TimeStep1) }</button>
            <button class="tc step-btn" data-testid="time-step-10" onclick={step(10_000)}>{ t(Msg::TimeStep10) }</button>
        </div>
    }
}
