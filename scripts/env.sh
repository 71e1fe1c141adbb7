# Sourced by the other scripts: where the installed tools live, on PATH first.
TOOLS="${KUBE_PLAYGROUND_TOOLS:-$HOME/.cache/kube-playground/tools}"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"
export KUBE_PLAYGROUND_TOOLS="$TOOLS"
