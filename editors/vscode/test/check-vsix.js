// Checks a packaged .vsix: the manifest, the compiled extension and its runtime dependencies are inside,
// and sources/tests are not; a platform package (package.sh TARGET) also carries its server, given as
// the second argument (server/dockerfile-lsp), with the executable bit. Run by package.sh.
'use strict';
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', process.argv[2] || 'dockerfile-lsp.vsix');
const buf = fs.readFileSync(file);
// The zip's end-of-central-directory record, then the central directory's file names.
const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
if (eocd < 0) throw new Error(`${file}: not a zip`);
const count = buf.readUInt16LE(eocd + 10);
let off = buf.readUInt32LE(eocd + 16);
const names = [];
const modes = {};
for (let i = 0; i < count; i++) {
  if (buf.readUInt32LE(off) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
  const n = buf.readUInt16LE(off + 28), x = buf.readUInt16LE(off + 30), c = buf.readUInt16LE(off + 32);
  names.push(buf.toString('utf8', off + 46, off + 46 + n));
  modes[names[names.length - 1]] = buf.readUInt32LE(off + 38) >>> 16; // unix mode of the entry
  off += 46 + n + x + c;
}
const must = [
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/out/extension.js',
  'extension/out/config.js',
  'extension/out/graph.js',
  'extension/media/mermaid.min.js',
  'extension/node_modules/vscode-languageclient/package.json',
  'extension/node_modules/vscode-languageclient/lib/node/main.js',
  'extension/node_modules/vscode-languageserver-protocol/package.json',
];
const server = process.argv[3];
if (server) must.push(`extension/${server}`);
const missing = must.filter((m) => !names.includes(m));
const unwanted = names.filter((n) => /^extension\/(src|test|e2e)\/|\.vsix$|node_modules\/(typescript|@vscode\/vsce|playwright-core|@types)\//.test(n)
  || (!server && n.startsWith('extension/server/')));
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
if (missing.length || unwanted.length) {
  console.error(`${path.basename(file)}: missing ${JSON.stringify(missing)}, unwanted ${JSON.stringify(unwanted.slice(0, 10))}`);
  process.exit(1);
}
if (server && !server.endsWith('.exe') && (modes[`extension/${server}`] & 0o111) === 0) {
  console.error(`${path.basename(file)}: ${server} is not executable (mode ${modes[`extension/${server}`].toString(8)})`);
  process.exit(1);
}
console.log(`${path.basename(file)}: ${manifest.publisher}.${manifest.name} ${manifest.version}, ${names.length} files, ${(buf.length / 1024).toFixed(0)} KiB: ok`);
