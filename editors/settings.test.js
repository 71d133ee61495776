// Every setting the server reads reaches it from every client. The server's settings are read from its
// source (server/config.go names the top-level keys, server/format.go the keys of "format"), so a
// setting added there fails this test until SETTINGS below and all four clients carry it.
//
// Each client is asked what it would send for SETTINGS: the VS Code extension's serverSettings, the
// Neovim module's config() (run in a real headless Neovim), dockerfile-lsp.el's configuration (in a
// real Emacs in batch), and the JetBrains template, whose schemas must accept SETTINGS and whose
// defaults must name every key. A missing nvim or emacs skips its case, except in CI (CI set).
//
//   node --test editors/settings.test.js      (editors/test-all.sh runs it after the VS Code tests,
//                                              which compile editors/vscode/out/config.js)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const read = (...p) => fs.readFileSync(path.join(root, ...p), 'utf8');

// A value for every setting, none of them the default.
const SETTINGS = {
  severity: { UnusedStage: 'error', LegacyKeyValueFormat: 'off' },
  target: 'release',
  buildArgs: { BASE_IMAGE: 'alpine:3.20', VERSION: '1.2' },
  format: { keepIndent: true },
  context: 'services/api',
};

function serverKeys() {
  const config = read('server', 'config.go');
  const m = /hasAny\(top, ((?:"\w+"(?:, )?)+)\)/.exec(config);
  assert.ok(m, 'server/config.go: no hasAny(top, "…", …) listing the settings');
  const top = [...m[1].matchAll(/"(\w+)"/g)].map((x) => x[1]);
  const format = read('server', 'format.go');
  const f = /type formatSettings struct \{([\s\S]*?)\n\}/.exec(format);
  assert.ok(f, 'server/format.go: no formatSettings struct');
  const formatKeys = [...f[1].matchAll(/json:"(\w+)"/g)].map((x) => x[1]);
  return { top, format: formatKeys };
}

// paths lists the key paths of an object down to its leaves: severity.UnusedStage, format.keepIndent...
function paths(v, prefix = '') {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.keys(v).length === 0) return [prefix];
  return Object.entries(v).flatMap(([k, x]) => paths(x, prefix ? `${prefix}.${k}` : k));
}

test('SETTINGS sets every setting the server reads', () => {
  const keys = serverKeys();
  assert.deepEqual(Object.keys(SETTINGS).sort(), [...keys.top].sort(), 'server/config.go settings');
  assert.deepEqual(Object.keys(SETTINGS.format).sort(), [...keys.format].sort(), 'server/format.go format settings');
});

test('VS Code sends every setting', () => {
  const out = path.join(root, 'editors', 'vscode', 'out', 'config.js');
  assert.ok(fs.existsSync(out), 'editors/vscode/out/config.js missing: run npm test in editors/vscode first');
  const { serverSettings } = require(out);
  // VS Code's getter: dotted names (format.keepIndent) as package.json declares them.
  const get = (key, dflt) => key.split('.').reduce((o, k) => (o == null ? undefined : o[k]), SETTINGS) ?? dflt;
  assert.deepEqual(serverSettings(get), SETTINGS);
  const declared = Object.keys(JSON.parse(read('editors', 'vscode', 'package.json')).contributes.configuration.properties);
  for (const p of ['severity', 'target', 'buildArgs', 'context', ...serverKeys().format.map((k) => `format.${k}`)]) {
    assert.ok(declared.includes(`dockerfile-lsp.${p}`), `package.json declares no dockerfile-lsp.${p}`);
  }
});

function program(t, name) {
  const found = spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
  if (!found) {
    if (process.env.CI) assert.fail(`${name} is not installed (CI: run editors/ci-install.sh first)`);
    t.skip(`${name} is not installed`);
  }
  return found;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { env: { ...process.env, SETTINGS: JSON.stringify(SETTINGS) }, encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, `${cmd} failed: ${r.stderr}`);
  return r.stdout;
}

test('Neovim sends every setting, at start and when asked', (t) => {
  if (!program(t, 'nvim')) return;
  const lua = `
    local cfg = require('dockerfile_lsp').config({ settings = vim.fn.json_decode(os.getenv('SETTINGS')) })
    io.stdout:write(vim.fn.json_encode({ init = cfg.init_options, section = cfg.settings['dockerfile-lsp'] }))
    vim.cmd('qall!')`;
  const out = run('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '--cmd', `set rtp^=${path.join(root, 'editors', 'neovim')}`, '-c', `lua ${lua}`]);
  const got = JSON.parse(out);
  assert.deepEqual(got.init, SETTINGS, 'init_options');
  assert.deepEqual(got.section, SETTINGS, 'settings["dockerfile-lsp"]');
});

test('Emacs sends every setting', (t) => {
  if (!program(t, 'emacs')) return;
  // Each setting through its own user option, as a user sets it.
  const elisp = `(progn
    (require 'package)
    (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
    (package-initialize)
    (require 'json)
    (require 'dockerfile-lsp)
    (let* ((json-key-type 'string) (s (json-read-from-string (getenv "SETTINGS"))))
      (setq dockerfile-lsp-severity (cdr (assoc "severity" s))
            dockerfile-lsp-target (cdr (assoc "target" s))
            dockerfile-lsp-build-args (cdr (assoc "buildArgs" s))
            dockerfile-lsp-context (cdr (assoc "context" s))
            dockerfile-lsp-format-keep-indent (eq t (cdr (assoc "keepIndent" (cdr (assoc "format" s)))))))
    (princ (json-encode (dockerfile-lsp-configuration))))`;
  const out = run('emacs', ['-Q', '--batch', '-L', path.join(root, 'editors', 'emacs'), '--eval', elisp]);
  assert.deepEqual(JSON.parse(out), SETTINGS);
});

// accepts is the part of JSON Schema the template's schemas use: type, enum, properties,
// additionalProperties (false or a schema).
function accepts(schema, value, where = '') {
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  const want = schema.type === 'integer' ? 'number' : schema.type;
  if (want && want !== type) return `${where}: ${type}, schema wants ${schema.type}`;
  if (schema.enum && !schema.enum.includes(value)) return `${where}: ${JSON.stringify(value)} not in enum`;
  if (type !== 'object') return '';
  for (const [k, v] of Object.entries(value)) {
    const sub = (schema.properties || {})[k] ?? schema.additionalProperties;
    if (sub === false || sub === undefined && schema.additionalProperties === false) return `${where}.${k}: not allowed`;
    if (sub && sub !== true) {
      const err = accepts(sub, v, `${where}.${k}`);
      if (err) return err;
    }
  }
  return '';
}

test('the JetBrains template accepts and lists every setting', () => {
  const dir = ['editors', 'jetbrains', 'template'];
  const json = (f) => JSON.parse(read(...dir, f));
  assert.equal(accepts(json('initializationOptions.schema.json'), SETTINGS), '', 'initializationOptions.schema.json');
  assert.equal(accepts(json('settings.schema.json'), { 'dockerfile-lsp': SETTINGS }), '', 'settings.schema.json');
  // The defaults the IDE shows name every setting, so that users see what they can set.
  const want = paths({ ...SETTINGS, severity: {}, buildArgs: {} }).filter((p) => p).sort();
  const have = (v) => paths(v).filter((p) => p).sort();
  assert.deepEqual(have(json('initializationOptions.json')), want, 'initializationOptions.json');
  assert.deepEqual(have(json('settings.json')['dockerfile-lsp']), want, 'settings.json');
  assert.equal(accepts(json('initializationOptions.schema.json'), json('initializationOptions.json')), '');
});
