//! The handle between the terminal's column and the cluster's: dragged (or moved with the
//! arrow keys) it gives either side more room. The share is kept for the next visit.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};

const KEY: &str = "kube-playground.split";
const MIN: f64 = 25.0;
const MAX: f64 = 80.0;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Gives the terminal's column `pct` percent of the room beside the lesson panel (`--left-f`
/// on `.workspace`).
fn apply(handle: Option<web_sys::Element>, pct: f64) {
    let workspace = handle.and_then(|h| h.closest(".workspace").ok().flatten());
    if let Some(w) = workspace {
        let _ = w.set_attribute("style", &format!("--left-f: {:.3}", pct / 100.0));
    }
    if let Some(st) = storage() {
        let _ = st.set_item(KEY, &format!("{pct:.1}"));
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
}

#[function_component(Splitter)]
pub fn splitter(props: &Props) -> Html {
    let node = use_node_ref();
    let pct = use_state(|| {
        storage()
            .and_then(|st| st.get_item(KEY).ok().flatten())
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|v| (MIN..=MAX).contains(v))
            .unwrap_or(52.5)
    });
    {
        let node = node.clone();
        use_effect_with(*pct, move |p| apply(node.cast::<web_sys::Element>(), *p));
    }
    let dragging = use_mut_ref(|| false);
    let on_down = {
        let dragging = dragging.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(t) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = t.set_pointer_capture(e.pointer_id());
            }
            *dragging.borrow_mut() = true;
        })
    };
    let on_move = {
        let dragging = dragging.clone();
        let pct = pct.clone();
        Callback::from(move |e: PointerEvent| {
            if !*dragging.borrow() {
                return;
            }
            let workspace = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|h| h.closest(".workspace").ok().flatten());
            let Some(w) = workspace else { return };
            // The terminal's column starts after the lesson panel, when it is open.
            let left = w
                .query_selector(".column.left")
                .ok()
                .flatten()
                .map_or(0.0, |c| c.get_bounding_client_rect().left());
            let right = w.get_bounding_client_rect().right();
            let width = right - left;
            if width > 0.0 {
                let p = ((f64::from(e.client_x()) - left) / width * 100.0).clamp(MIN, MAX);
                pct.set(p);
            }
        })
    };
    let on_up = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false)
    };
    let on_key = {
        let pct = pct.clone();
        Callback::from(move |e: KeyboardEvent| {
            let step = match e.key().as_str() {
                "ArrowLeft" => -5.0,
                "ArrowRight" => 5.0,
                _ => return,
            };
            e.prevent_default();
            pct.set((*pct + step).clamp(MIN, MAX));
        })
    };
    let label = i18n::t(props.lang, Msg::ResizeColumns);
    html! {
        <div class="splitter" ref={node} data-testid="pane-resizer" role="separator" tabindex="0"
            aria-orientation="vertical" aria-label={label} title={label}
            aria-valuemin={MIN.to_string()} aria-valuemax={MAX.to_string()} aria-valuenow={format!("{:.0}", *pct)}
            onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}
            onkeydown={on_key} />
    }
}
