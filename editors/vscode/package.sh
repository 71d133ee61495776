#!/usr/bin/env bash
# Packages the extension, offline once npm ci has run.
#   bash package.sh              → dockerfile-lsp.vsix, for every platform, without a server (it uses
#                                  dockerfile-lsp.path or PATH)
#   bash package.sh linux-x64    → dockerfile-lsp-linux-x64.vsix with a static server built from this
#                                  checkout inside (server/dockerfile-lsp); VERSION stamps it
# Targets: linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64, win32-arm64.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:-}
rm -rf server
npx tsc -p .
# The stage graph's renderer, bundled so that the webview needs no network.
mkdir -p media && cp node_modules/mermaid/dist/mermaid.min.js media/
args=(--skip-license
  --baseContentUrl https://github.com/dockerfile-lsp/dockerfile-lsp/blob/HEAD/editors/vscode
  --baseImagesUrl https://github.com/dockerfile-lsp/dockerfile-lsp/raw/HEAD/editors/vscode)
if [[ -z $target ]]; then
  npx vsce package "${args[@]}" --out dockerfile-lsp.vsix
  node test/check-vsix.js dockerfile-lsp.vsix
  exit 0
fi
case $target in
  linux-x64) goos=linux goarch=amd64 ;; linux-arm64) goos=linux goarch=arm64 ;;
  darwin-x64) goos=darwin goarch=amd64 ;; darwin-arm64) goos=darwin goarch=arm64 ;;
  win32-x64) goos=windows goarch=amd64 ;; win32-arm64) goos=windows goarch=arm64 ;;
  *) echo "package.sh: unknown target $target" >&2; exit 2 ;;
esac
exe=dockerfile-lsp; [[ $goos == windows ]] && exe=dockerfile-lsp.exe
version=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
trap 'rm -rf server' EXIT
(cd ../.. && CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath -ldflags "-s -w -X main.version=$version" \
  -o "editors/vscode/server/$exe" ./cmd/dockerfile-lsp)
npx vsce package "${args[@]}" --target "$target" --out "dockerfile-lsp-$target.vsix"
node test/check-vsix.js "dockerfile-lsp-$target.vsix" "server/$exe"
