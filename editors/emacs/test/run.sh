#!/usr/bin/env bash
# Runs the Emacs batch test (eglot + dockerfile-mode) on a scratch copy of editors/testdata/Dockerfile.
#   DOCKERFILE_LSP=/path/to/dockerfile-lsp bash editors/emacs/test/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${DOCKERFILE_LSP:?set DOCKERFILE_LSP to the server binary}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/project" "$work/home"
# The names users give Dockerfiles: the test opens each and expects eglot on it.
for name in Dockerfile app.dockerfile Containerfile Dockerfile.dev; do
  cp "$here/../../testdata/Dockerfile" "$work/project/$name"
done
git -C "$work/project" init -q 2>/dev/null || true
export HOME=$work/home DOCKERFILE=$work/project/Dockerfile

# dockerfile-lsp.el must byte-compile without warnings.
cp "$here/../dockerfile-lsp.el" "$work/"
emacs -Q --batch --eval '(progn (require (quote package))
  (add-to-list (quote package-directory-list) "/usr/share/emacs/site-lisp/elpa")
  (package-initialize) (setq byte-compile-error-on-warn t))' \
  -f batch-byte-compile "$work/dockerfile-lsp.el" </dev/null
echo "ok   dockerfile-lsp.el byte-compiles without warnings"

cd "$work/project"
exec emacs -Q --batch -l "$here/test.el" </dev/null
