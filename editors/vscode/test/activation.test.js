// Activation test of the extension with a mocked `vscode` module: run with `npm test`
// (compiles src/ to out/, then `node --test test/`).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const mock = require('./vscode-mock');

mock.install();
const ext = require('../out/extension.js');
const pkg = require('../package.json');

// A fake server executable on a private PATH.
const binDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-lsp-bin-'));
const fakeServer = path.join(binDir, 'dockerfile-lsp');
fs.writeFileSync(fakeServer, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
const savedPath = process.env.PATH;
test.after(() => {
  process.env.PATH = savedPath;
  fs.rmSync(binDir, { recursive: true, force: true });
});

async function activate(opts = {}, { onPath = true, extensionPath } = {}) {
  const state = mock.reset(opts);
  process.env.PATH = onPath ? `${binDir}${path.delimiter}/nonexistent` : '/nonexistent';
  const ctx = mock.context(extensionPath);
  const api = await ext.activate(ctx);
  return { state, ctx, api };
}

async function deactivate(ctx) {
  await ext.deactivate();
  for (const d of ctx.subscriptions) d.dispose();
}

const MULTI_STAGE = [
  '# syntax=docker/dockerfile:1',
  'FROM golang:1.22 AS build',
  'RUN go build -o /app .',
  '',
  'FROM --platform=$BUILDPLATFORM alpine:3 \\',
  '    AS test',
  'RUN <<EOF',
  'FROM not-a-stage AS inside-heredoc',
  'EOF',
  'FROM scratch',
  'COPY --from=build /app /app',
].join('\n');

test('activation starts the server from PATH over stdio with the settings', async () => {
  const { state, ctx, api } = await activate({
    settings: {
      'dockerfile-lsp.severity': { UnusedStage: 'off', UnknownStage: 'error', Bogus: 'loud' },
      'dockerfile-lsp.target': ' release ',
    },
  });
  assert.equal(state.errors.length, 0, JSON.stringify(state.errors));
  assert.equal(state.clients.length, 1);
  const c = state.clients[0];
  assert.equal(api.client, c);
  assert.equal(c.id, 'dockerfile-lsp');
  assert.equal(c.starts, 1);
  assert.equal(c.serverOptions.run.command, fakeServer);
  assert.equal(c.serverOptions.run.transport, mock.languageclient.TransportKind.stdio);
  assert.deepEqual(c.serverOptions.run.args, ['--log-level', 'info']);
  assert.equal(c.serverOptions.debug.command, fakeServer);

  const o = c.clientOptions;
  assert.deepEqual(o.initializationOptions, {
    severity: { UnusedStage: 'off', UnknownStage: 'error' },
    target: 'release',
    format: { keepIndent: false },
  });
  assert.equal(o.synchronize.configurationSection, 'dockerfile-lsp');
  assert.deepEqual(o.documentSelector[0], { language: 'dockerfile' });
  const patterns = o.documentSelector.filter((f) => f.pattern).map((f) => f.pattern);
  for (const p of ['**/Dockerfile', '**/Dockerfile.*', '**/*.dockerfile', '**/Containerfile', '**/Containerfile.*']) {
    assert.ok(patterns.includes(p), `selector lacks ${p}`);
  }
  for (const p of require('../out/config.js').COMPOSE_BAKE_PATTERNS) {
    assert.ok(patterns.includes(p), `selector lacks ${p}: Compose and Bake files go to the server by default`);
  }
  assert.ok(o.outputChannel, 'server log goes to an output channel');

  for (const id of ['dockerfile-lsp.restart', 'dockerfile-lsp.showLog', 'dockerfile-lsp.buildStage']) {
    assert.ok(state.commands.has(id), `command ${id} not registered`);
  }
  await deactivate(ctx);
  assert.equal(c.stops, 1, 'deactivate stops the server');
});

test('dockerfile-lsp.composeAndBake off leaves Compose and Bake files out of the selector', async () => {
  const { state, ctx } = await activate({ settings: { 'dockerfile-lsp.composeAndBake': false } });
  const { COMPOSE_BAKE_PATTERNS, DOCKERFILE_PATTERNS } = require('../out/config.js');
  const patterns = state.clients[0].clientOptions.documentSelector.map((f) => f.pattern).filter(Boolean);
  assert.deepEqual(patterns, DOCKERFILE_PATTERNS);
  assert.ok(!COMPOSE_BAKE_PATTERNS.some((p) => patterns.includes(p)));
  // Changing it restarts the server with the new selector.
  state.settings['dockerfile-lsp.composeAndBake'] = true;
  for (const fn of state.configListeners) fn({ affectsConfiguration: (s) => s === 'dockerfile-lsp.composeAndBake' });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(state.clients.length, 2);
  const after = state.clients[1].clientOptions.documentSelector.map((f) => f.pattern).filter(Boolean);
  assert.deepEqual(after, [...DOCKERFILE_PATTERNS, ...COMPOSE_BAKE_PATTERNS]);
  await deactivate(ctx);
});

test('the dockerfile-lsp.path setting wins over PATH', async () => {
  const other = path.join(binDir, 'my-dockerfile-lsp');
  fs.writeFileSync(other, '#!/bin/sh\n', { mode: 0o755 });
  const { state, ctx } = await activate({ settings: { 'dockerfile-lsp.path': other, 'dockerfile-lsp.logLevel': 'debug' } });
  assert.equal(state.clients[0].serverOptions.run.command, other);
  assert.deepEqual(state.clients[0].serverOptions.run.args, ['--log-level', 'debug']);
  await deactivate(ctx);
});

test('a missing server gives an install message and activation still succeeds', async () => {
  const { state, ctx, api } = await activate({}, { onPath: false });
  assert.equal(state.clients.length, 0);
  assert.equal(api.client, undefined);
  assert.equal(state.errors.length, 1);
  const { msg, items } = state.errors[0];
  assert.match(msg, /not found on PATH/);
  // The prebuilt binary first, then go install with the Go version go.mod needs.
  const download = msg.indexOf('https://github.com/dockerfile-lsp/dockerfile-lsp/releases');
  const goInstall = msg.indexOf('go install github.com/dockerfile-lsp/dockerfile-lsp/cmd/dockerfile-lsp@latest');
  assert.ok(download >= 0 && goInstall > download, msg);
  assert.match(msg, /dockerfile-lsp --version/);
  assert.match(msg, /Go 1\.26\.8 or newer/);
  assert.match(msg, /dockerfile-lsp\.path/);
  assert.deepEqual(items, ['Download', 'Copy install command', 'Open settings']);
  assert.ok(state.commands.has('dockerfile-lsp.restart'), 'commands work without a server');

  // Installing it and restarting starts it.
  process.env.PATH = binDir;
  await state.commands.get('dockerfile-lsp.restart')();
  assert.equal(state.clients.length, 1);
  assert.equal(state.clients[0].starts, 1);
  await deactivate(ctx);
});

test('a wrong dockerfile-lsp.path names the setting', async () => {
  const { state, ctx } = await activate({ settings: { 'dockerfile-lsp.path': '/no/such/dockerfile-lsp' } });
  assert.equal(state.clients.length, 0);
  assert.match(state.errors[0].msg, /at "\/no\/such\/dockerfile-lsp" \(setting dockerfile-lsp\.path\)/);
  await deactivate(ctx);
});

test('a server that fails to start is reported with a way to the log', async () => {
  const { state, ctx } = await activate({ startError: 'exec format error' });
  assert.equal(state.errors.length, 1);
  assert.match(state.errors[0].msg, /failed to start: exec format error/);
  assert.deepEqual(state.errors[0].items, ['Show server log']);
  await deactivate(ctx);
});

test('Restart server stops the client and starts a new one; path changes restart too', async () => {
  const { state, ctx } = await activate();
  await state.commands.get('dockerfile-lsp.restart')();
  assert.equal(state.clients.length, 2);
  assert.equal(state.clients[0].stops, 1);
  assert.equal(state.clients[1].starts, 1);

  // A severity change goes through didChangeConfiguration, not a restart.
  for (const fn of state.configListeners) fn({ affectsConfiguration: (s) => s === 'dockerfile-lsp.severity' || s === 'dockerfile-lsp' });
  await new Promise((r) => setImmediate(r));
  assert.equal(state.clients.length, 2);
  for (const fn of state.configListeners) fn({ affectsConfiguration: (s) => s === 'dockerfile-lsp.path' || s === 'dockerfile-lsp' });
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(state.clients.length, 3);
  await deactivate(ctx);
});

test('Show server log reveals the output channel', async () => {
  const { state, ctx } = await activate();
  const log = state.clients[0].clientOptions.outputChannel;
  await state.commands.get('dockerfile-lsp.showLog')();
  assert.equal(log.shown, 1);
  assert.equal(log.name, 'Dockerfile LSP');
  await deactivate(ctx);
});

test('Build stage… lists named stages and runs docker build --target in a terminal', async () => {
  const { state, ctx } = await activate({
    activeText: MULTI_STAGE,
    activeFile: '/proj/svc/Dockerfile',
    quickPick: 'test',
    settings: { 'dockerfile-lsp.target': 'test' },
  });
  await state.commands.get('dockerfile-lsp.buildStage')();
  assert.deepEqual(state.quickPickItems.map((i) => i.label), ['test', 'build'], 'configured target first, heredoc skipped');
  assert.equal(state.terminals.length, 1);
  const t = state.terminals[0];
  assert.equal(t.opts.cwd, '/proj/svc');
  assert.ok(t.shown);
  assert.deepEqual(t.sent, ['docker build --target test -f Dockerfile .']);
  await deactivate(ctx);
});

test('Build stage… with the workspace folder as context and extra args', async () => {
  const { state, ctx } = await activate({
    activeText: MULTI_STAGE,
    activeFile: '/proj/svc/Dockerfile',
    settings: { 'dockerfile-lsp.build.context': 'workspaceFolder', 'dockerfile-lsp.build.extraArgs': ['--progress=plain', '-t', 'my app'] },
  });
  await state.commands.get('dockerfile-lsp.buildStage')(undefined, 'build');
  assert.deepEqual(state.terminals[0].sent, ["docker build --target build -f svc/Dockerfile --progress=plain -t 'my app' ."]);
  assert.equal(state.terminals[0].opts.cwd, '/proj');
  await deactivate(ctx);
});

test('Build stage… without a Dockerfile or without named stages explains itself', async () => {
  let { state, ctx } = await activate();
  await state.commands.get('dockerfile-lsp.buildStage')();
  assert.match(state.errors[0].msg, /open a Dockerfile/);
  await deactivate(ctx);
  ({ state, ctx } = await activate({ activeText: 'FROM alpine\nRUN true\n' }));
  await state.commands.get('dockerfile-lsp.buildStage')();
  assert.match(state.infos[0], /no named stages/);
  assert.equal(state.terminals.length, 0);
  await deactivate(ctx);
});

test('a platform package runs the server inside it, unless dockerfile-lsp.path is set, and says which', async () => {
  const ext = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-lsp-ext-'));
  try {
    fs.mkdirSync(path.join(ext, 'server'));
    const bundled = path.join(ext, 'server', 'dockerfile-lsp');
    fs.writeFileSync(bundled, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    let { state, ctx } = await activate({}, { onPath: true, extensionPath: ext });
    assert.equal(state.clients[0].serverOptions.run.command, bundled, 'bundled before PATH');
    assert.ok(state.outputChannels[0].lines.some((l) => l.includes(`Using ${bundled}, from the server bundled with the extension`)), state.outputChannels[0].lines.join('\n'));
    await deactivate(ctx);
    ({ state, ctx } = await activate({ settings: { 'dockerfile-lsp.path': fakeServer } }, { onPath: false, extensionPath: ext }));
    assert.equal(state.clients[0].serverOptions.run.command, fakeServer, 'the setting wins');
    assert.ok(state.outputChannels[0].lines.some((l) => l.includes('from the dockerfile-lsp.path setting')));
    await deactivate(ctx);
  } finally {
    fs.rmSync(ext, { recursive: true, force: true });
  }
});

const realServer = process.env.DOCKERFILE_LSP;
test('Show stage graph draws the stages beside the editor, follows edits and reveals a FROM line (DOCKERFILE_LSP)',
  { skip: !realServer && 'DOCKERFILE_LSP not set' }, async () => {
    const { state, ctx } = await activate({ activeText: MULTI_STAGE, settings: { 'dockerfile-lsp.path': realServer } }, { extensionPath: '/ext' });
    const panel = await state.commands.get('dockerfile-lsp.showStageGraph')();
    assert.equal(state.panels.length, 1);
    assert.equal(panel.column, -2, 'beside the editor');
    assert.deepEqual(panel.options.localResourceRoots.map(String), ['file:///ext/media']);
    const html = panel.webview.html;
    assert.match(html, /<script nonce="\w+" src="file:\/\/\/ext\/media\/mermaid\.min\.js"><\/script>/, 'the bundled Mermaid');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.doesNotMatch(html, /https?:\/\//, 'nothing from the network');

    // The page says it is ready: it gets the graph.
    await panel.receive({ type: 'ready' });
    let g = panel.posted.at(-1);
    assert.equal(g.type, 'graph');
    assert.match(g.mermaid, /^flowchart TD\n/);
    assert.match(g.mermaid, /s0\["build<br\/>FROM golang:1\.22"\]/);
    assert.match(g.mermaid, /s2\["stage 2 \(final\)<br\/>FROM scratch"\]/);
    assert.match(g.mermaid, /s0 -->\|"COPY \/app"\| s2/);

    // Clicking stage s1 (test, FROM on line 5) reveals that line.
    await panel.receive({ type: 'reveal', id: 's1' });
    assert.equal(state.shownEditor.selection.active.line, 4);

    // An edit redraws it.
    const doc = state.activeEditor.document;
    const before = panel.posted.length;
    doc.text += '\nFROM build AS release\n';
    state.docListeners.forEach((fn) => fn({ document: doc }));
    // Wait for the redraw (debounced, then drawn by the server), however slow the machine.
    for (let waited = 0; panel.posted.length === before && waited < 30000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
    g = panel.posted.at(-1);
    assert.match(g.mermaid, /s3\["release \(final\)<br\/>FROM build"\]/);
    panel.dispose();
    await deactivate(ctx);
  });

test('a stage code lens runs docker build --target in a terminal: the client advertises the command', async () => {
  const { state, ctx } = await activate();
  const caps = {};
  for (const f of state.clients[0].features ?? []) f.fillClientCapabilities(caps);
  assert.deepEqual(caps.experimental?.commands, ['dockerfile-lsp.runBuild'], 'capabilities.experimental.commands');
  // The argument the server's lens carries (server/targets.go buildLine).
  await state.commands.get('dockerfile-lsp.runBuild')({
    command: 'docker build --target test -f app.dockerfile .',
    args: ['docker', 'build', '--target', 'test', '-f', 'app.dockerfile', '.'],
    cwd: '/proj/svc',
  });
  assert.equal(state.terminals.length, 1);
  assert.equal(state.terminals[0].opts.cwd, '/proj/svc');
  assert.ok(state.terminals[0].shown);
  assert.deepEqual(state.terminals[0].sent, ['docker build --target test -f app.dockerfile .']);
  await deactivate(ctx);
});

test('server log lines keep their level in the output channel', async () => {
  const { state, ctx } = await activate();
  const { stderr } = state.clients[0].clientOptions.stdioOptions;
  const { PassThrough } = require('stream');
  const input = new PassThrough();
  const got = [];
  const channel = Object.fromEntries(['debug', 'info', 'warn', 'error'].map((l) => [l, (m) => got.push(`${l} ${m}`)]));
  stderr(input, channel);
  input.end([
    // As the server writes them (zap's console encoder, lower-case levels)...
    '2026-12-05T05:00:00.000Z\tinfo\tstarting\t{"version": "dev"}',
    '2026-12-05T05:00:00.001Z\tdebug\tdiagnostics',
    // ...or upper-case.
    '2026-12-05T05:00:00.002Z\tWARN\tsome settings were ignored',
    '2026-12-05T05:00:00.003Z\tERROR\tcannot read',
    'a line without a level',
    'panic: runtime error',
  ].join('\n') + '\n');
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(got, [
    'info starting\t{"version": "dev"}',
    'debug diagnostics',
    'warn some settings were ignored',
    'error cannot read',
    'info a line without a level',
    'error panic: runtime error',
  ]);
  await deactivate(ctx);
});

test('package.json contributes what the extension registers and the server understands', () => {
  const contributed = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, ['dockerfile-lsp.buildStage', 'dockerfile-lsp.restart', 'dockerfile-lsp.showLog', 'dockerfile-lsp.showStageGraph']);
  const titles = Object.fromEntries(pkg.contributes.commands.map((c) => [c.command, c.title]));
  assert.equal(titles['dockerfile-lsp.restart'], 'Restart server');
  assert.equal(titles['dockerfile-lsp.showLog'], 'Show server log');
  assert.equal(titles['dockerfile-lsp.buildStage'], 'Build stage…');
  assert.equal(titles['dockerfile-lsp.showStageGraph'], 'Show stage graph');

  const props = pkg.contributes.configuration.properties;
  const sev = props['dockerfile-lsp.severity'];
  const { RULES, SEVERITIES } = require('../out/config.js');
  assert.deepEqual(Object.keys(sev.properties).sort(), [...RULES].sort());
  for (const r of Object.values(sev.properties)) assert.deepEqual(r.enum, [...SEVERITIES]);
  assert.deepEqual(sev.additionalProperties.enum, [...SEVERITIES]);
  assert.equal(props['dockerfile-lsp.target'].type, 'string');
  assert.equal(props['dockerfile-lsp.composeAndBake'].default, true, 'the same default as extension.ts and config.ts');
  assert.equal(props['dockerfile-lsp.path'].type, 'string');
  assert.ok(pkg.activationEvents.includes('onLanguage:dockerfile'));
  assert.equal(pkg.main, './out/extension.js');

  // vscode-languageclient 11 needs VS Code ^1.91.0, and @types/vscode must not be newer than the engine.
  assert.equal(pkg.engines.vscode, '^1.91.0');
  assert.equal(pkg.dependencies['vscode-languageclient'], '11.0.0');
  assert.equal(pkg.devDependencies['@types/vscode'], '1.91.0');
  assert.equal(pkg.devDependencies['@vscode/vsce'], '3.9.2');
  const lc = JSON.parse(fs.readFileSync(path.join(__dirname, '../node_modules/vscode-languageclient/package.json'), 'utf8'));
  assert.equal(lc.engines.vscode, pkg.engines.vscode);
});
