#!/usr/bin/env bash
# Runs every editor integration's tests against the real server binary:
#   neovim   — headless Neovim: diagnostics, stage completion, applying a code action
#   emacs    — Emacs in batch with eglot: diagnostics and completion
#   vscode   — extension activation unit test (node --test, mocked vscode) and offline .vsix packaging
#   jetbrains — LSP4IJ template structure and file patterns
#   settings  — every setting the server reads reaches it from all four clients (after vscode: it
#               reads the compiled extension)
#
#   vscode-e2e — only with EDITORS_E2E=1: real VS Code (code-server) in headless Chromium
#
# Usage: DOCKERFILE_LSP=/path/to/dockerfile-lsp bash editors/test-all.sh [neovim|emacs|vscode|jetbrains|settings]...
# (make test-editors builds the server and sets DOCKERFILE_LSP.)
#
# A client whose program is missing is skipped with a message, except in CI (CI set), where that is a
# failure. Any failing test makes the script exit 1, after running the others.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

if [[ -z ${DOCKERFILE_LSP:-} ]]; then
  if [[ -x $root/bin/dockerfile-lsp ]]; then
    DOCKERFILE_LSP=$root/bin/dockerfile-lsp
  else
    DOCKERFILE_LSP=$(command -v dockerfile-lsp || true)
  fi
fi
if [[ -z $DOCKERFILE_LSP || ! -x $DOCKERFILE_LSP ]]; then
  echo "editors/test-all: no server binary: set DOCKERFILE_LSP or run 'make build' (make test-editors does both)" >&2
  exit 1
fi
DOCKERFILE_LSP=$(cd "$(dirname "$DOCKERFILE_LSP")" && pwd)/$(basename "$DOCKERFILE_LSP")
export DOCKERFILE_LSP

passed=() failed=() skipped=()

# absent PROGRAM NAME: true (and records a skip) when PROGRAM is missing outside CI; in CI records a failure.
absent() {
  command -v "$1" >/dev/null && return 1
  if [[ -n ${CI:-} ]]; then
    echo "FAIL $2: '$1' is not installed (CI: run editors/ci-install.sh first)" >&2
    failed+=("$2")
  else
    echo "SKIP $2: '$1' is not installed (sudo bash editors/ci-install.sh installs it)" >&2
    skipped+=("$2")
  fi
  return 0
}

# run NAME CMD...: runs one test with a time limit, records its outcome.
run() {
  local name=$1; shift
  echo "=== $name"
  local start=$SECONDS
  if timeout --kill-after=10 300 "$@"; then
    echo "--- ok   $name ($((SECONDS - start))s)"
    passed+=("$name")
  else
    echo "--- FAIL $name (exit $?, $((SECONDS - start))s)" >&2
    failed+=("$name")
  fi
}

want() { # want NAME: whether NAME was asked for (all when no arguments)
  ((${#selected[@]} == 0)) && return 0
  local s; for s in "${selected[@]}"; do [[ $s == "$1" ]] && return 0; done
  return 1
}
selected=("$@")

echo "editors/test-all: server $DOCKERFILE_LSP"

if want neovim && ! absent nvim neovim; then
  run neovim bash "$here/neovim/test/run.sh"
fi

if want emacs && ! absent emacs emacs; then
  if emacs -Q --batch --eval '(progn (require (quote package))
      (add-to-list (quote package-directory-list) "/usr/share/emacs/site-lisp/elpa")
      (package-initialize) (require (quote eglot)) (require (quote dockerfile-mode)))' </dev/null >/dev/null 2>&1; then
    run emacs bash "$here/emacs/test/run.sh"
  elif [[ -n ${CI:-} ]]; then
    echo "FAIL emacs: eglot or dockerfile-mode missing (CI: run editors/ci-install.sh first)" >&2
    failed+=(emacs)
  else
    echo "SKIP emacs: eglot or dockerfile-mode missing (apt-get install elpa-eglot elpa-dockerfile-mode, or M-x package-install)" >&2
    skipped+=(emacs)
  fi
fi

if want vscode && ! absent npm vscode; then
  if [[ ! -d $here/vscode/node_modules ]]; then
    if [[ -n ${CI:-} ]]; then
      echo "FAIL vscode: editors/vscode/node_modules missing (CI: run editors/ci-install.sh first)" >&2
      failed+=(vscode)
    else
      echo "=== vscode: npm ci (first run)"
      (cd "$here/vscode" && npm ci --no-audit --no-fund </dev/null) || failed+=("vscode npm ci")
    fi
  fi
  if [[ -d $here/vscode/node_modules ]]; then
    run vscode-unit bash -c 'cd "$1" && npm test' _ "$here/vscode"
    run vscode-vsix bash -c 'cd "$1" && npm run package' _ "$here/vscode"
  fi
fi

# The code-server end-to-end test is opt-in (it installs ~300 MB once): EDITORS_E2E=1.
if [[ -n ${EDITORS_E2E:-} ]] && want vscode && ! absent npm vscode-e2e; then
  run vscode-e2e bash "$here/vscode/e2e/run.sh"
fi

if want jetbrains && ! absent node jetbrains; then
  run jetbrains node --test "$here/jetbrains/test/template.test.js"
fi

if want settings && ! absent node settings; then
  run settings node --test "$here/settings.test.js"
fi

echo
echo "editors: ${#passed[@]} passed, ${#failed[@]} failed, ${#skipped[@]} skipped"
((${#failed[@]} == 0)) || { echo "failed: ${failed[*]}" >&2; exit 1; }
((${#skipped[@]} == 0)) || echo "skipped: ${skipped[*]}"
exit 0
