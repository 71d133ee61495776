// The Compose and Bake file names the extension sends to the server are exactly the ones the server
// reads as Compose or Bake files: the selector's glob patterns against composeBakeKind (file-kinds.js),
// and, with DOCKERFILE_LSP set, composeBakeKind against the real server.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { minimatch } = require('minimatch');
const cfg = require('../out/config.js');
const pkg = require('../package.json');
const { composeBakeKind, NAMES, randomNames } = require('./file-kinds.js');

// VS Code's globs and minimatch agree on what these patterns use: **/, *, {a,b} and [classes], with *
// matching names that start with a dot too.
const regexps = (patterns) => patterns.map((p) => minimatch.makeRe(p, { dot: true }));
const selected = { true: regexps(patternsOf(cfg.documentSelector(true))), false: regexps(patternsOf(cfg.documentSelector(false))) };
const dockerfiles = regexps(cfg.DOCKERFILE_PATTERNS);
const sent = (file, composeAndBake) => selected[composeAndBake].some((re) => re.test(file));
const isDockerfileName = (file) => dockerfiles.some((re) => re.test(file));
function patternsOf(selector) {
  return selector.filter((f) => f.pattern).map((f) => f.pattern);
}

test('Compose and Bake patterns match what the server reads as Compose or Bake, in any case', () => {
  for (const name of [...NAMES, ...randomNames(5000)]) {
    const file = `/w/sub/${name}`;
    const dockerfile = isDockerfileName(file); // sent in any case, the server goes by the name
    const composeBake = composeBakeKind(name) !== undefined;
    assert.equal(sent(file, true), dockerfile || composeBake, `${name}: ${composeBake ? 'a Compose or Bake file' : 'not one'}`);
    assert.equal(sent(file, false), dockerfile, `${name} with composeAndBake off`);
  }
});

test('the patterns come from the lower-case names, made case-insensitive', () => {
  assert.deepEqual(cfg.COMPOSE_BAKE_PATTERNS, cfg.COMPOSE_BAKE_NAMES.map((n) => `**/${cfg.anyCase(n)}`));
  assert.equal(cfg.anyCase('*.ab-c.{x,yz}'), '*.[aA][bB]-[cC].{[xX],[yY][zZ]}');
  assert.equal(cfg.anyCase('ik'), '[iI\u0130][kK\u212a]');
  // The extension also starts in a workspace that holds such files.
  for (const p of cfg.COMPOSE_BAKE_PATTERNS) {
    assert.ok(pkg.activationEvents.includes(`workspaceContains:${p}`), `activationEvents lack ${p}`);
  }
});

// Opens every name, as a file with the same unreadable text, and returns the names the server
// answered with InvalidBuildFile: the ones it reads as Compose or Bake files.
async function serverComposeBake(server, names) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-lsp-names-'));
  const proc = spawn(server, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const send = (msg) => {
    const body = Buffer.from(JSON.stringify(msg));
    proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    proc.stdin.write(body);
  };
  const uriOf = new Map(names.map((n) => [`file://${dir.split(path.sep).map(encodeURIComponent).join('/')}/${encodeURIComponent(n)}`, n]));
  const codes = new Map();
  let buf = Buffer.alloc(0);
  let initialized;
  const ready = new Promise((resolve) => { initialized = resolve; });
  let allPublished;
  const published = new Promise((resolve) => { allPublished = resolve; });
  proc.stdout.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const len = Number(/Content-Length: *(\d+)/i.exec(buf.subarray(0, end).toString())?.[1]);
      if (buf.length < end + 4 + len) return;
      const msg = JSON.parse(buf.subarray(end + 4, end + 4 + len).toString());
      buf = buf.subarray(end + 4 + len);
      if (msg.id === 1 && !msg.method) initialized();
      else if (msg.id !== undefined && msg.method) send({ jsonrpc: '2.0', id: msg.id, result: null });
      else if (msg.method === 'textDocument/publishDiagnostics' && uriOf.has(msg.params.uri)) {
        codes.set(uriOf.get(msg.params.uri), msg.params.diagnostics.map((x) => x.code));
        if (codes.size === uriOf.size) allPublished();
      }
    }
  });
  try {
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
    await ready;
    send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    for (const uri of uriOf.keys()) {
      send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'plaintext', version: 1, text: '{[\n' } } });
    }
    let timer;
    await Promise.race([published, new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`diagnostics for ${codes.size} of ${uriOf.size} files in 30s; stderr: ${stderr}`)), 30000);
    })]);
    clearTimeout(timer);
    return new Set(names.filter((n) => codes.get(n).includes('InvalidBuildFile')));
  } finally {
    proc.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const server = process.env.DOCKERFILE_LSP;
test('the server reads as Compose or Bake exactly the names file-kinds.js says (DOCKERFILE_LSP)',
  { skip: !server && 'DOCKERFILE_LSP not set' }, async () => {
    const names = [...new Set([...NAMES, ...randomNames(300, 7)])];
    const got = await serverComposeBake(server, names);
    for (const name of names) {
      assert.equal(got.has(name), composeBakeKind(name) !== undefined, `${name}: server and file-kinds.js disagree`);
    }
  });
