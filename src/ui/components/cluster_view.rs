//! The live cluster view: each node a box holding its pods, coloured by kubectl's status;
//! static (mirror) pods and control-plane components marked; pods waiting for the scheduler in
//! their own lane; a namespace filter. Pods are keyed, so a pod keeps its element while its
//! status changes and the colour change is a CSS transition the eye can follow.

use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};
use crate::ui::format::fill;
use crate::ui::snapshot::{ClusterView, PodChip};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lang: Lang,
    pub view: std::rc::Rc<ClusterView>,
    pub booted: bool,
    pub ns_filter: String,
    /// (namespace, name) of the pod shown in detail.
    pub selected: Option<(String, String)>,
    pub on_ns: Callback<String>,
    pub on_select: Callback<(String, String)>,
}

#[derive(Properties, PartialEq)]
struct ChipProps {
    lang: Lang,
    pod: PodChip,
    show_namespace: bool,
    /// The node the pod is bound to ("" in the unscheduled lane).
    node: AttrValue,
    selected: bool,
    on_select: Callback<(String, String)>,
}

#[function_component(Chip)]
fn chip(props: &ChipProps) -> Html {
    let p = &props.pod;
    let onclick = {
        let on_select = props.on_select.clone();
        let key = (p.namespace.clone(), p.name.clone());
        Callback::from(move |_: MouseEvent| on_select.emit(key.clone()))
    };
    let mut title = format!(
        "{}/{}\n{} · {} · {} {}",
        p.namespace,
        p.name,
        p.status,
        p.ready,
        i18n::t(props.lang, Msg::Restarts),
        p.restarts
    );
    if p.mirror {
        title.push('\n');
        title.push_str(i18n::t(props.lang, Msg::StaticPodHint));
    }
    html! {
        <button
            class={classes!("pod-chip", p.status_class(), p.mirror.then_some("mirror"), p.component.is_some().then_some("component"), (p.namespace == "kube-system").then_some("system"), props.selected.then_some("selected"))}
            data-testid="pod"
            data-name={p.name.clone()}
            data-namespace={p.namespace.clone()}
            data-status={p.status.clone()}
            data-node={props.node.clone()}
            data-static={p.mirror.to_string()}
            title={title}
            onclick={onclick}
        >
            <span class="dot" aria-hidden="true"></span>
            <span class="pod-name">
                if props.show_namespace && p.namespace != "default" && p.namespace != "kube-system" {
                    <span class="pod-ns">{ format!("{}/", p.namespace) }</span>
                }
                { &p.name }
            </span>
            <span class="pod-status">{ &p.status }</span>
            if p.mirror {
                <span class="badge static">{ i18n::t(props.lang, Msg::StaticPod) }</span>
            }
        </button>
    }
}

#[function_component(ClusterPane)]
pub fn cluster_pane(props: &Props) -> Html {
    let lang = props.lang;
    let t = |m| i18n::t(lang, m);
    let view = &props.view;
    let show_ns = props.ns_filter.is_empty();
    let on_change = {
        let on_ns = props.on_ns.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                on_ns.emit(sel.value());
            }
        })
    };
    let chips = |pods: &[PodChip], node: &str| -> Html {
        let node = AttrValue::from(node.to_string());
        if pods.is_empty() {
            return html! { <span class="no-pods">{ t(Msg::NoPods) }</span> };
        }
        pods.iter()
            .map(|p| {
                let selected = props
                    .selected
                    .as_ref()
                    .is_some_and(|(ns, n)| *ns == p.namespace && *n == p.name);
                html! {
                    <Chip key={format!("{}/{}", p.namespace, p.name)} lang={lang} pod={p.clone()}
                        show_namespace={show_ns} node={node.clone()} selected={selected} on_select={props.on_select.clone()} />
                }
            })
            .collect()
    };
    let collapsed = use_state(|| false);
    html! {
        <section class={classes!("pane", "cluster-view", collapsed.then_some("collapsed"))} data-testid="cluster-view" aria-label={t(Msg::ClusterViewTitle)}>
            <header class="pane-head">
                <super::what_happened::CollapseButton lang={props.lang} collapsed={collapsed.clone()} />
                <h2>{ t(Msg::ClusterViewTitle) }</h2>
                <label class="ns-filter">
                    <span>{ t(Msg::NamespaceLabel) }</span>
                    <select data-testid="ns-filter" onchange={on_change}>
                        <option value="" selected={props.ns_filter.is_empty()}>{ t(Msg::AllNamespaces) }</option>
                        { for view.namespaces.iter().map(|ns| html! {
                            <option value={ns.clone()} selected={*ns == props.ns_filter}>{ ns }</option>
                        }) }
                        if !props.ns_filter.is_empty() && !view.namespaces.contains(&props.ns_filter) {
                            <option value={props.ns_filter.clone()} selected=true>{ &props.ns_filter }</option>
                        }
                    </select>
                </label>
            </header>
            if !props.booted {
                <p class="booting">{ t(Msg::Booting) }</p>
            }
            <div class="nodes">
                { for view.nodes.iter().map(|n| html! {
                    <div key={n.name.clone()}
                        class={classes!("node-box", n.control_plane.then_some("control-plane"), (!n.ready).then_some("not-ready"), n.unschedulable.then_some("cordoned"))}
                        data-testid="node" data-name={n.name.clone()}>
                        <div class="node-head">
                            <span class="node-name">{ &n.name }</span>
                            <span class="node-role">{ t(if n.control_plane { Msg::ControlPlaneNode } else { Msg::WorkerNode }) }</span>
                            if !n.ready { <span class="badge warn">{ t(Msg::NodeNotReady) }</span> }
                            if n.unschedulable { <span class="badge warn">{ t(Msg::NodeCordoned) }</span> }
                        </div>
                        <div class="pods">{ chips(&n.pods, &n.name) }</div>
                    </div>
                }) }
                if !view.unscheduled.is_empty() {
                    <div class="node-box lane" data-testid="unscheduled">
                        <div class="node-head"><span class="node-name">{ t(Msg::Unscheduled) }</span></div>
                        <div class="pods">{ chips(&view.unscheduled, "") }</div>
                    </div>
                }
            </div>
            if view.hidden > 0 {
                <p class="hidden-pods">{ fill(t(Msg::HiddenPods), &[("n", &view.hidden.to_string())]) }</p>
            }
        </section>
    }
}
