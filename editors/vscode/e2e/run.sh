#!/usr/bin/env bash
# End-to-end test of the extension in real VS Code (code-server) driven by headless Chromium.
#
#   cd editors/vscode && npm run e2e          # or: bash editors/vscode/e2e/run.sh
#
# Uses DOCKERFILE_LSP (default: bin/dockerfile-lsp, built with `make build` if missing), installs
# code-server once into CODE_SERVER_DIR (default ~/.cache/dockerfile-lsp-e2e/code-server-4.100.3),
# packages the .vsix, installs it, opens editors/testdata/Dockerfile and checks that the UnusedStage
# warning is shown and that `COPY --from=` completion lists the stages. Saves the screenshot outside the
# repository, in $E2E_OUT (default ${TMPDIR:-/tmp}/dockerfile-lsp-e2e); SCREENSHOT=e2e/screenshot.png
# updates the README's picture.
#
# E2E_PLATFORM=linux-x64 tests the platform package instead: the .vsix with the server inside
# (package.sh linux-x64), no dockerfile-lsp.path, no dockerfile-lsp on code-server's PATH; the
# extension's log must say it runs the bundled server.
# Needs: Node 20, apt-get install -y chromium build-essential pkg-config libkrb5-dev ripgrep.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ext=$(cd "$here/.." && pwd)
root=$(cd "$ext/../.." && pwd)
CS_VERSION=${CODE_SERVER_VERSION:-4.100.3}
CS_DIR=${CODE_SERVER_DIR:-$HOME/.cache/dockerfile-lsp-e2e/code-server-$CS_VERSION}
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
E2E_OUT=${E2E_OUT:-${TMPDIR:-/tmp}/dockerfile-lsp-e2e}
mkdir -p "$E2E_OUT"
SCREENSHOT=${SCREENSHOT:-$E2E_OUT/screenshot.png}
PLATFORM=${E2E_PLATFORM:-}

say() { printf 'e2e: %s\n' "$*"; }

server=${DOCKERFILE_LSP:-$root/bin/dockerfile-lsp}
if [[ ! -x $server ]]; then
  say "building the server (make build)"
  make -C "$root" build
  server=$root/bin/dockerfile-lsp
fi
[[ -x $CHROMIUM ]] || { say "no Chromium at $CHROMIUM (apt-get install -y chromium, or set CHROMIUM)"; exit 1; }

if [[ ! -f $CS_DIR/out/node/entry.js ]]; then
  say "installing code-server $CS_VERSION into $CS_DIR (once, ~2 min)"
  CODE_SERVER_VERSION=$CS_VERSION bash "$here/install-code-server.sh" "$CS_DIR"
fi

cd "$ext"
[[ -d node_modules ]] || npm ci --no-audit --no-fund
say "packaging the extension ${PLATFORM:-(universal)}"
bash package.sh $PLATFORM >/dev/null
vsix=$ext/dockerfile-lsp${PLATFORM:+-$PLATFORM}.vsix

work=$(mktemp -d)
pgid=
cleanup() {
  if [[ -n $pgid ]]; then kill -TERM -- "-$pgid" 2>/dev/null || true; sleep 1; kill -KILL -- "-$pgid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/data/User" "$work/extensions" "$work/project"
cp "$root/editors/testdata/Dockerfile" "$work/project/Dockerfile"
path_setting="\"dockerfile-lsp.path\": \"$server\","
[[ -n $PLATFORM ]] && path_setting=''
cat >"$work/data/User/settings.json" <<JSON
{
  $path_setting
  "dockerfile-lsp.logLevel": "debug",
  "dockerfile-lsp.severity": { "UnusedStage": "warning" },
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "editor.quickSuggestions": { "other": true, "comments": false, "strings": true },
  "window.commandCenter": false,
  "chat.commandCenter.enabled": false,
  "workbench.colorTheme": "Default Dark Modern"
}
JSON
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$work/config.yaml"

cs=(node "$CS_DIR/out/node/entry.js" --user-data-dir "$work/data" --extensions-dir "$work/extensions" --config "$work/config.yaml")
say "installing the .vsix"
"${cs[@]}" --install-extension "$vsix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
say "starting code-server on 127.0.0.1:$port"
# With a platform package, the server must come from the package: none on PATH.
cs_path=$PATH
if [[ -n $PLATFORM ]]; then
  cs_path=$(tr ':' '\n' <<<"$PATH" | while read -r d; do [[ -x $d/dockerfile-lsp ]] || printf '%s:' "$d"; done)
  cs_path=${cs_path%:}
fi
PATH=$cs_path setsid "${cs[@]}" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust "$work/project" >"$work/code-server.log" 2>&1 &
pgid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pgid" 2>/dev/null || { cat "$work/code-server.log"; say "code-server exited"; exit 1; }
  sleep 0.5
done

status=0
node "$here/e2e.js" "http://127.0.0.1:$port/?folder=$work/project" "$SCREENSHOT" || status=$?
if ((status == 0)) && [[ -n $PLATFORM ]]; then
  if grep -rqs "from the server bundled with the extension" "$work/data/logs"; then
    say "ok: the extension ran the server bundled in $(basename "$vsix")"
  else
    say "the extension's log does not say it ran the bundled server"; status=1
  fi
fi
if ((status != 0)); then
  say "failed; code-server log:"
  tail -40 "$work/code-server.log"
  find "$work/data/logs" -name '*Dockerfile LSP*' -exec tail -40 {} \; 2>/dev/null || true
fi
exit $status
