#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) from the npm registry into DEST, without downloads
# from anywhere else. 4.100.3 (VS Code 1.100.3) is the newest release whose engines.node is 20.
# Needs: apt-get install -y build-essential python3 pkg-config libkrb5-dev ripgrep   (~2 min, ~316 MB)
set -euo pipefail
DEST=${1:?usage: install-code-server.sh DEST}
VER=${CODE_SERVER_VERSION:-4.100.3}
export npm_config_yes=true                             # node-pty's install runs `npx node-gyp`
export npm_config_nodedir=${npm_config_nodedir:-/usr}  # build native modules against the local Node headers
for tool in make g++ pkg-config rg; do
  command -v "$tool" >/dev/null || { echo "install-code-server: $tool missing (apt-get install -y build-essential pkg-config libkrb5-dev ripgrep)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "code-server@$VER" >/dev/null)
if [[ -e $DEST && ! -f $DEST/out/node/entry.js ]]; then
  echo "install-code-server: $DEST exists and is not a code-server install; not touching it" >&2
  exit 1
fi
partial=$DEST.partial
rm -rf "$partial"
mkdir -p "$partial"
tar xzf "$work/code-server-$VER.tgz" -C "$partial" --strip-components=1
cd "$partial"
npm install --omit=dev --ignore-scripts --no-audit --no-fund  # skip postinstall.sh: it fetches ripgrep from GitHub
npm rebuild argon2
cd lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund
npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar                 # what postinstall.sh does
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund)
cd /
rm -rf "$DEST"
mv "$partial" "$DEST"
echo "code-server $VER installed in $DEST"
