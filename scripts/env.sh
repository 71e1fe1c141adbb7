# Sourced by the other scripts: where the installed tools live, on PATH first.
TOOLS="${KUBE_PLAYGROUND_TOOLS:-$HOME/.cache/kube-playground/tools}"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"
export KUBE_PLAYGROUND_TOOLS="$TOOLS"
# The wasm build leaves out the file:line:column of every possible panic (some 16 KB of the
# brotli download): rustc's `-Zlocation-detail=none`, an unstable option the stable toolchain
# takes with RUSTC_BOOTSTRAP (as cargo-fuzz does). Native builds are unchanged.
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zlocation-detail=none"
