#!/usr/bin/env bash
# Installs what the editor tests (editors/test-all.sh) need:
#   - Neovim, Emacs (no X) with eglot and dockerfile-mode, from Debian;
#   - zsh and fish, whose completion scripts the Go tests run in the real shells, and pre-commit, which
#     runs the repository's hooks in a Go test (pre-commit try-repo); Chromium, in which the VS Code
#     tests render the stage graph with the bundled Mermaid;
#   - the VS Code extension's npm dependencies (npm ci, from the committed package-lock.json).
#
# Run by .ci/run as root with CI=true and no stdin, on a clean clone. Idempotent: apt is skipped when
# the programs are already there, and when not root (then it only says what is missing).
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive

say() { printf 'editors/ci-install: %s\n' "$*"; }

elpa_has() { compgen -G "/usr/share/emacs/site-lisp/elpa/$1-*" >/dev/null; }

missing=()
command -v nvim >/dev/null || missing+=(neovim)
command -v emacs >/dev/null || missing+=(emacs-nox)
elpa_has eglot || missing+=(elpa-eglot)
elpa_has dockerfile-mode || missing+=(elpa-dockerfile-mode)
command -v zsh >/dev/null || missing+=(zsh)
command -v fish >/dev/null || missing+=(fish)
command -v pre-commit >/dev/null || missing+=(pre-commit)
command -v chromium >/dev/null || missing+=(chromium)

# The VS Code end-to-end test (EDITORS_E2E=1) builds code-server's native modules once.
if [[ -n ${EDITORS_E2E:-} ]]; then
  for tool in make:build-essential g++:build-essential pkg-config:pkg-config rg:ripgrep; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool#*:}")
  done
  [[ -e /usr/include/krb5.h || -e /usr/include/krb5/krb5.h ]] || missing+=(libkrb5-dev)
fi

if ((${#missing[@]} == 0)); then
  say "neovim, emacs, eglot, dockerfile-mode, zsh, fish, pre-commit and chromium already installed"
elif [[ $(id -u) -eq 0 ]]; then
  say "installing from Debian: ${missing[*]}"
  apt-get update
  apt-get install -y neovim emacs-nox elpa-eglot elpa-dockerfile-mode zsh fish pre-commit chromium "${missing[@]}" </dev/null
else
  say "not root: cannot install ${missing[*]} (run: sudo apt-get install -y ${missing[*]})"
  if [[ -n ${CI:-} ]]; then exit 1; fi
fi

# Node.js runs the VS Code extension's tests and packaging; the JetBrains template check uses it too.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    say "installing Node.js and npm from Debian"
    apt-get update
    apt-get install -y --no-install-recommends nodejs npm </dev/null
  else
    say "node/npm missing and not root"
    if [[ -n ${CI:-} ]]; then exit 1; fi
  fi
fi

if command -v npm >/dev/null; then
  say "npm ci in editors/vscode"
  (cd vscode && npm ci --no-audit --no-fund </dev/null)
fi

# code-server for the VS Code end-to-end test, from npm, once (the test's own time limit stays for the test).
if [[ -n ${EDITORS_E2E:-} ]]; then
  cs=${CODE_SERVER_DIR:-$HOME/.cache/dockerfile-lsp-e2e/code-server-${CODE_SERVER_VERSION:-4.100.3}}
  if [[ ! -f $cs/out/node/entry.js ]]; then
    say "installing code-server into $cs"
    bash vscode/e2e/install-code-server.sh "$cs"
  fi
fi

say "done"
