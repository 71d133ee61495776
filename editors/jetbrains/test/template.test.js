// Validates the LSP4IJ template in ../template: structure of each JSON file, that the file-name
// patterns match the names users expect (Dockerfiles, and the Compose and Bake files the server reads as
// such, see ../../vscode/test/file-kinds.js), that the settings files follow their schemas, and (when
// DOCKERFILE_LSP names a server binary) that the template's command line starts a server that answers
// `initialize` with the template's initializationOptions.
// Run: node --test editors/jetbrains/test/template.test.js   (no npm dependencies)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const dir = path.join(__dirname, '..', 'template');
const read = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];
const vscodePkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../vscode/package.json'), 'utf8'));
// The rules are the VS Code extension's (its tests check them against RULES.md and BuildKit's list).
const vscodeRules = vscodePkg.contributes.configuration.properties['dockerfile-lsp.severity'].properties;
const { composeBakeKind, goLower, NAMES, randomNames } = require('../../vscode/test/file-kinds.js');

// IntelliJ file-name patterns (FileNameMatcherFactory) are wildcards on the file name: * any run,
// ? one character, case-sensitive; only a plain extension pattern, `*.ext`, ignores case.
function wildcard(pattern) {
  if (/^\*\.[^*?.]+$/.test(pattern)) {
    const ext = pattern.slice(1).toLowerCase();
    return { test: (name) => name.toLowerCase().endsWith(ext) };
  }
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`);
}
const LANGUAGE_IDS = { dockercompose: 'compose', dockerbake: 'bake' };

// A small JSON Schema checker for the keywords the schemas here use.
function validate(schema, value, where = '$') {
  const errors = [];
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (schema.type && schema.type !== type) return [`${where}: ${type}, want ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${where}: ${JSON.stringify(value)} not in ${schema.enum}`);
  if (type === 'object') {
    for (const k of schema.required ?? []) if (!(k in value)) errors.push(`${where}: missing ${k}`);
    for (const [k, v] of Object.entries(value)) {
      const sub = schema.properties?.[k] ?? schema.additionalProperties;
      if (sub === false) errors.push(`${where}: unexpected ${k}`);
      else if (sub && typeof sub === 'object') errors.push(...validate(sub, v, `${where}.${k}`));
    }
  }
  return errors;
}

test('template.json has the LSP4IJ structure', () => {
  const t = read('template.json');
  assert.equal(t.id, 'dockerfile-lsp');
  assert.equal(typeof t.name, 'string');
  assert.ok(t.name.length > 0);
  assert.deepEqual(Object.keys(t.programArgs).sort(), ['default', 'windows']);
  assert.match(t.programArgs.default, /^dockerfile-lsp( |$)/);
  assert.match(t.programArgs.windows, /^dockerfile-lsp(\.exe)?( |$)/);
  for (const args of Object.values(t.programArgs)) assert.match(args, /--stdio/, 'LSP4IJ talks over stdio');

  assert.ok(Array.isArray(t.languageMappings));
  assert.deepEqual(t.languageMappings, [{ language: 'Dockerfile', languageId: 'dockerfile' }]);

  assert.ok(Array.isArray(t.fileTypeMappings) && t.fileTypeMappings.length > 0);
  for (const m of t.fileTypeMappings) {
    assert.deepEqual(Object.keys(m).sort(), ['fileType', 'languageId']);
    assert.ok(['dockerfile', ...Object.keys(LANGUAGE_IDS)].includes(m.languageId), m.languageId);
    // A name maps that whole IDE file type: fine for Dockerfile, wrong for YAML, JSON or HCL, so the
    // Compose and Bake mappings have file-name patterns only (LSP4IJ's own export writes them so).
    if (m.languageId === 'dockerfile') assert.equal(m.fileType.name, 'Dockerfile');
    else assert.deepEqual(Object.keys(m.fileType), ['patterns'], `${m.languageId}: patterns only`);
    assert.ok(Array.isArray(m.fileType.patterns) && m.fileType.patterns.length > 0);
    for (const p of m.fileType.patterns) assert.equal(typeof p, 'string');
  }
  const allowed = new Set(['id', 'name', 'programArgs', 'languageMappings', 'fileTypeMappings', 'description', 'url']);
  for (const k of Object.keys(t)) assert.ok(allowed.has(k), `unexpected key ${k} in template.json`);
});

test('file patterns match the names users expect, and nothing else', () => {
  const t = read('template.json');
  const patterns = t.fileTypeMappings.filter((m) => m.languageId === 'dockerfile').flatMap((m) => m.fileType.patterns);
  const matches = (name) => patterns.some((p) => wildcard(p).test(name));
  for (const want of ['Dockerfile', 'Dockerfile.*', '*.dockerfile', 'Containerfile', 'Containerfile.*']) {
    assert.ok(patterns.includes(want), `pattern ${want} missing`);
  }
  for (const name of ['Dockerfile', 'Dockerfile.dev', 'Dockerfile.prod.arm64', 'api.dockerfile', 'Containerfile', 'Containerfile.ci']) {
    assert.ok(matches(name), `${name} should be a Dockerfile`);
  }
  for (const name of ['README.md', 'Dockerfile-notes', 'compose.yaml', 'main.go', 'dockerfile.go', '.dockerignore', 'Makefile']) {
    assert.ok(!matches(name), `${name} should not be a Dockerfile`);
  }
});

test('Compose and Bake patterns match the names the server reads as such, in lower case', () => {
  const t = read('template.json');
  // The Compose or Bake mapping a name falls under, if any (a name may match the Dockerfile patterns
  // too, as Dockerfile.override.hcl does: the server goes by the name, so either mapping does).
  const kindOf = (name) => {
    const kinds = t.fileTypeMappings.filter((m) => m.languageId in LANGUAGE_IDS && m.fileType.patterns.some((p) => wildcard(p).test(name)))
      .map((m) => LANGUAGE_IDS[m.languageId]);
    assert.ok(kinds.length <= 1, `${name} is mapped as ${kinds}`);
    return kinds[0];
  };
  for (const name of ['compose.yaml', 'docker-compose.yml', 'compose.override.yaml', 'docker-compose.prod.yml']) {
    assert.equal(kindOf(name), 'compose', name);
  }
  for (const name of ['docker-bake.hcl', 'docker-bake.json', 'docker-bake.override.hcl', 'ci.override.hcl']) {
    assert.equal(kindOf(name), 'bake', name);
  }
  for (const name of ['docker-compose-dev.yml', 'values.yaml', 'main.hcl', 'package.json', 'ci.override.json']) {
    assert.equal(kindOf(name), undefined, name);
  }
  for (const name of [...NAMES, ...randomNames(5000)]) {
    const lower = goLower(name);
    // Exactly the server's names in lower case; other spellings (Compose.yaml) are not covered, since
    // IntelliJ's patterns have no way to ignore case, but nothing the server would not read as one is.
    assert.equal(kindOf(lower), composeBakeKind(lower), lower);
    if (kindOf(name) !== undefined) assert.equal(kindOf(name), composeBakeKind(name), name);
  }
});

test('settings and initializationOptions follow their schemas and list the rules', () => {
  const settingsSchema = read('settings.schema.json');
  const initSchema = read('initializationOptions.schema.json');
  assert.deepEqual(validate(settingsSchema, read('settings.json')), []);
  assert.deepEqual(validate(initSchema, read('initializationOptions.json')), []);

  const section = settingsSchema.properties['dockerfile-lsp'];
  assert.deepEqual(Object.keys(section.properties).sort(), ['buildArgs', 'context', 'format', 'severity', 'target']);
  assert.deepEqual(section.properties.severity.properties, vscodeRules, 'the same rules, levels and descriptions as VS Code');
  for (const r of Object.values(section.properties.severity.properties)) assert.deepEqual(r.enum, SEVERITIES);
  assert.deepEqual(initSchema.properties, section.properties, 'initializationOptions and settings carry the same configuration');

  // The schemas catch mistakes.
  assert.notDeepEqual(validate(settingsSchema, { 'dockerfile-lsp': { severity: { UnusedStage: 'loud' } } }), []);
  assert.notDeepEqual(validate(initSchema, { target: 3 }), []);
  assert.notDeepEqual(validate(initSchema, { tagret: 'x' }), []);
  assert.deepEqual(validate(initSchema, { severity: { UnusedStage: 'off', SomeFutureRule: 'hint' }, target: 'release' }), []);
});

test('the file names agree with the VS Code extension', () => {
  const lang = vscodePkg.contributes.languages.find((l) => l.id === 'dockerfile');
  const t = read('template.json');
  const patterns = t.fileTypeMappings.flatMap((m) => m.fileType.patterns);
  for (const p of [...lang.filenames, ...lang.filenamePatterns]) assert.ok(patterns.includes(p), `${p} missing in template.json`);
});

test('installer.json checks for and installs the server', () => {
  const inst = read('installer.json');
  assert.equal(inst.id, 'dockerfile-lsp');
  assert.match(inst.check.exec.command.default, /dockerfile-lsp/);
  // It downloads the release archive that cmd/release names <binary>_<tag>_<os>_<arch>.
  const { windows, default: unix } = inst.run.exec.command;
  assert.match(unix, /releases\/latest/);
  assert.match(unix, /dockerfile-lsp_\$\{tag\}_\$\{os\}_\$\{arch\}/);
  assert.match(windows, /'dockerfile-lsp_'\+\$tag\+'_windows_'\+\$arch/);
  // The Unix command is valid sh (parsed, not run: it needs the network).
  const script = /^sh -c '(.*)'$/s.exec(unix);
  assert.ok(script, 'the Unix installer is one sh -c command');
  const { spawnSync } = require('child_process');
  const parsed = spawnSync('sh', ['-n', '-c', script[1]]);
  assert.equal(parsed.status, 0, `sh -n: ${parsed.stderr}`);
  assert.match(inst.run.exec.onSuccess.configureServer.command.default, /\/\.local\/bin\/dockerfile-lsp --stdio$/);
});

// Sends LSP messages to a process and collects its answers.
function lspSession(command, args) {
  const proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = Buffer.alloc(0);
  const waiting = new Map();
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  proc.stdout.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const len = Number(/Content-Length: *(\d+)/i.exec(buf.subarray(0, end).toString())?.[1]);
      if (buf.length < end + 4 + len) return;
      const msg = JSON.parse(buf.subarray(end + 4, end + 4 + len).toString());
      buf = buf.subarray(end + 4 + len);
      if (msg.id !== undefined && waiting.has(msg.id) && !msg.method) {
        waiting.get(msg.id)(msg);
        waiting.delete(msg.id);
      } else if (msg.id !== undefined && msg.method) {
        send({ jsonrpc: '2.0', id: msg.id, result: null }); // answer server requests (registerCapability, …)
      }
    }
  });
  const send = (msg) => {
    const body = Buffer.from(JSON.stringify(msg));
    proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    proc.stdin.write(body);
  };
  let nextId = 1;
  const request = (method, params) => new Promise((resolve, reject) => {
    const id = nextId++;
    const timer = setTimeout(() => reject(new Error(`${method}: no answer in 10s; stderr: ${stderr}`)), 10000);
    waiting.set(id, (m) => { clearTimeout(timer); resolve(m); });
    send({ jsonrpc: '2.0', id, method, params });
  });
  const notify = (method, params) => send({ jsonrpc: '2.0', method, params });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, request, notify, exited, stderr: () => stderr };
}

const server = process.env.DOCKERFILE_LSP;
test('the template command line starts the server (DOCKERFILE_LSP)', { skip: !server && 'DOCKERFILE_LSP not set' }, async () => {
  const t = read('template.json');
  const [prog, ...args] = t.programArgs.default.split(/\s+/);
  assert.equal(prog, 'dockerfile-lsp');
  const s = lspSession(server, args);
  try {
    const init = await s.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      initializationOptions: { ...read('initializationOptions.json'), severity: { UnusedStage: 'error' } },
      clientInfo: { name: 'LSP4IJ template test' },
    });
    assert.equal(init.error, undefined, JSON.stringify(init.error));
    assert.ok(init.result.capabilities, 'initialize result has capabilities');
    s.notify('initialized', {});
    const shut = await s.request('shutdown', null);
    assert.equal(shut.error, undefined, JSON.stringify(shut.error));
    s.notify('exit', null);
    const code = await Promise.race([s.exited, new Promise((r) => setTimeout(() => r('timeout'), 5000).unref())]);
    assert.equal(code, 0, `server exit status after shutdown+exit; stderr: ${s.stderr()}`);
  } finally {
    s.proc.kill();
  }
});
