#!/usr/bin/env bash
# Runs the headless Neovim test on a scratch copy of editors/testdata/Dockerfile.
#   DOCKERFILE_LSP=/path/to/dockerfile-lsp bash editors/neovim/test/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${DOCKERFILE_LSP:?set DOCKERFILE_LSP to the server binary}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/project" "$work/xdg/config" "$work/xdg/data" "$work/xdg/state" "$work/xdg/cache"
# The names users give Dockerfiles: the test opens each and expects the server on it.
for name in Dockerfile app.dockerfile Containerfile Dockerfile.dev; do
  cp "$here/../../testdata/Dockerfile" "$work/project/$name"
done
git -C "$work/project" init -q 2>/dev/null || true
export XDG_CONFIG_HOME=$work/xdg/config XDG_DATA_HOME=$work/xdg/data XDG_STATE_HOME=$work/xdg/state XDG_CACHE_HOME=$work/xdg/cache
export DOCKERFILE=$work/project/Dockerfile
status=0
(cd "$work/project" && nvim --headless -u "$here/test.lua" </dev/null) || status=$?
if ((status != 0)); then
  echo "neovim test failed (exit $status); Neovim's LSP log:" >&2
  cat "$work"/xdg/state/nvim/lsp.log "$work"/xdg/cache/nvim/lsp.log 2>/dev/null | tail -40 >&2 || true
fi
exit $status
