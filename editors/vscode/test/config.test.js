// Unit tests of the extension's pure helpers (out/config.js).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { minimatch } = require('minimatch');
const cfg = require('../out/config.js');

const selectorMatches = (file, composeAndBake) =>
  cfg.documentSelector(composeAndBake).some((f) => f.pattern && minimatch(file, f.pattern, { dot: true }));

test('the document selector matches the file names users expect', () => {
  const dockerfiles = ['/p/Dockerfile', '/p/sub/Dockerfile.dev', '/p/Dockerfile.prod.arm64', '/p/app.dockerfile',
    '/p/Containerfile', '/p/Containerfile.ci'];
  const composeBake = ['/p/compose.yaml', '/p/docker-compose.yml', '/p/compose.override.yaml',
    '/p/docker-compose.dev.yml', '/p/Docker-Compose.YML', '/p/docker-bake.hcl', '/p/docker-bake.json',
    '/p/docker-bake.override.hcl', '/p/ci.override.hcl', '/p/Docker-Bake.HCL'];
  const no = ['/p/README.md', '/p/Dockerfile-notes.txt', '/p/main.go', '/p/values.yaml', '/p/Makefile', '/p/.dockerignore',
    '/p/docker-compose-dev.yml', '/p/composer.yaml', '/p/compose.json', '/p/docker-bake.yaml', '/p/ci.override.json',
    '/p/.github/workflows/ci.yml', '/p/build.sh'];
  for (const f of [...dockerfiles, ...composeBake]) assert.ok(selectorMatches(f), `${f} should match by default`);
  for (const f of [...dockerfiles, ...composeBake]) assert.ok(selectorMatches(f, true), `${f} should match with composeAndBake`);
  for (const f of dockerfiles) assert.ok(selectorMatches(f, false), `${f} should match without composeAndBake`);
  for (const f of composeBake) assert.ok(!selectorMatches(f, false), `${f} should not match without composeAndBake`);
  for (const f of no) assert.ok(!selectorMatches(f), `${f} should not match`);
  assert.deepEqual(cfg.documentSelector()[0], { language: 'dockerfile' });
});

test('serverSettings keeps valid severities and a trimmed target', () => {
  const settings = { severity: { UnusedStage: 'hint', X: 'nope', Y: 3, ReservedStageName: 'off' }, target: '' };
  const get = (k, d) => (k in settings ? settings[k] : d);
  const format = { keepIndent: false };
  assert.deepEqual(cfg.serverSettings(get), { severity: { UnusedStage: 'hint', ReservedStageName: 'off' }, format });
  settings.target = 'prod';
  settings.severity = null;
  assert.deepEqual(cfg.serverSettings(get), { severity: {}, target: 'prod', format });
  settings.buildArgs = { BASE: 'alpine:3.20', N: 3, '': 'x' };
  assert.deepEqual(cfg.serverSettings(get), { severity: {}, target: 'prod', buildArgs: { BASE: 'alpine:3.20' }, format });
  settings['format.keepIndent'] = true;
  assert.deepEqual(cfg.serverSettings(get).format, { keepIndent: true });
});

test('resolveServerPath looks at the setting, then PATH', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfl-'));
  try {
    const exe = path.join(dir, 'dockerfile-lsp');
    const notExe = path.join(dir, 'not-exe');
    fs.writeFileSync(exe, '', { mode: 0o755 });
    fs.writeFileSync(notExe, '', { mode: 0o644 });
    assert.equal(cfg.resolveServerPath('', { PATH: `/nowhere:${dir}` }), exe);
    assert.equal(cfg.resolveServerPath(undefined, { PATH: '/nowhere' }), undefined);
    assert.equal(cfg.resolveServerPath(exe, { PATH: '' }), exe);
    assert.equal(cfg.resolveServerPath('~/dockerfile-lsp', { HOME: dir, PATH: '' }), exe);
    assert.equal(cfg.resolveServerPath(notExe, { PATH: '' }), undefined);
    assert.equal(cfg.resolveServerPath(dir, { PATH: '' }), undefined, 'a directory is not a server');
    fs.renameSync(exe, path.join(dir, 'other-name'));
    assert.equal(cfg.resolveServerPath('other-name', { PATH: dir }), path.join(dir, 'other-name'), 'bare names use PATH');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('parseStages follows continuations, escape directive, flags, comments and heredocs', () => {
  const text = [
    '# escape=`',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022 `',
    '  AS base',
    'from base as Build',
    'RUN <<-"EOT" cat > /x',
    '\tFROM fake AS fake',
    '\tEOT',
    'FROM --platform=linux/amd64 `',
    '# a comment inside the continuation',
    '  base',
    'COPY --from=Build / /',
  ].join('\r\n');
  const stages = cfg.parseStages(text);
  assert.deepEqual(stages.map((s) => [s.index, s.name, s.base, s.line]), [
    [0, 'base', 'mcr.microsoft.com/windows/servercore:ltsc2022', 1],
    [1, 'Build', 'base', 3],
    [2, undefined, 'base', 7],
  ]);
  assert.deepEqual(cfg.parseStages(''), []);
  assert.deepEqual(cfg.parseStages('FROM'), [{ index: 0, base: '', line: 0 }]);
});

test('buildCommand quotes for the shell', () => {
  assert.equal(cfg.buildCommand('build', 'Dockerfile', '.', [], 'linux'), 'docker build --target build -f Dockerfile .');
  assert.equal(
    cfg.buildCommand("it's", 'my dir/Dockerfile', '.', ['--build-arg', 'A=b c'], 'linux'),
    "docker build --target 'it'\\''s' -f 'my dir/Dockerfile' --build-arg 'A=b c' .",
  );
  assert.equal(cfg.buildCommand('b', 'my dir\\Dockerfile', '.', [], 'win32'), 'docker build --target b -f "my dir\\Dockerfile" .');
});

test('the install message says how to install and where to configure', () => {
  assert.match(cfg.notFoundMessage(''), /not found on PATH.*go install .*dockerfile-lsp\.path/s);
  assert.match(cfg.notFoundMessage('/x/y'), /not found at "\/x\/y"/);
});
