// A stand-in for the `vscode` module (and for vscode-languageclient's LanguageClient, which needs a
// real VS Code) that records what the extension does. install() hooks require() so that
// out/extension.js loads the mocks; reset() starts a fresh recording.
'use strict';
const Module = require('module');

const state = {};

function reset({ settings = {}, activeText, activeFile = '/proj/Dockerfile', quickPick, startError } = {}) {
  Object.assign(state, {
    settings: { ...settings },
    commands: new Map(),
    configListeners: [],
    errors: [],
    infos: [],
    outputChannels: [],
    terminals: [],
    clients: [],
    quickPickItems: undefined,
    quickPick,
    startError,
    executed: [],
    clipboard: undefined,
    docListeners: [],
    panels: [],
    shownEditor: undefined,
    activeEditor: activeText === undefined ? undefined : {
      document: makeDocument(activeFile, activeText),
    },
  });
  return state;
}

function makeDocument(fsPath, text) {
  return {
    uri: Uri.file(fsPath),
    isDirty: false,
    text,
    getText() { return this.text; },
    save: async () => true,
  };
}

class Uri {
  constructor(fsPath) { this.fsPath = fsPath; this.scheme = 'file'; }
  static file(p) { return new Uri(p); }
  static parse(s) { return new Uri(s); }
  static joinPath(base, ...parts) { return new Uri([base.fsPath, ...parts].join('/')); }
  get path() { return this.fsPath; }
  toString() { return `file://${this.fsPath}`; }
}

function getConfiguration(section) {
  return {
    get(key, def) {
      const full = `${section}.${key}`;
      return Object.prototype.hasOwnProperty.call(state.settings, full) ? state.settings[full] : def;
    },
  };
}

function outputChannel(name, options) {
  const ch = {
    name, options, lines: [], shown: 0,
    appendLine(l) { this.lines.push(l); },
    append(l) { this.lines.push(l); },
    debug(l) { this.lines.push(l); },
    info(l) { this.lines.push(l); },
    warn(l) { this.lines.push(l); },
    error(l) { this.lines.push(l); },
    show() { this.shown++; },
    dispose() {},
  };
  state.outputChannels.push(ch);
  return ch;
}

class Position { constructor(line, character) { Object.assign(this, { line, character }); } }
class Range { constructor(start, end) { Object.assign(this, { start, end }); } }
class Selection extends Range { get active() { return this.end; } }

// A webview panel that records its HTML and messages; receive() plays the page's side.
function createWebviewPanel(viewType, title, column, options) {
  const panel = {
    viewType, title, column, options, posted: [], disposeListeners: [],
    webview: {
      html: '',
      cspSource: 'vscode-webview:',
      asWebviewUri: (u) => u,
      postMessage: async (m) => { panel.posted.push(m); return true; },
      onDidReceiveMessage: (fn) => { panel.receive = fn; return { dispose() {} }; },
    },
    onDidDispose: (fn) => { panel.disposeListeners.push(fn); return { dispose() {} }; },
    dispose() { panel.disposeListeners.forEach((fn) => fn()); },
  };
  state.panels.push(panel);
  return panel;
}

const vscode = {
  Uri,
  Position,
  Range,
  Selection,
  ViewColumn: { One: 1, Beside: -2 },
  TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
  window: {
    createOutputChannel: outputChannel,
    showErrorMessage: (msg, ...items) => { state.errors.push({ msg, items }); return Promise.resolve(undefined); },
    showInformationMessage: (msg) => { state.infos.push(msg); return Promise.resolve(undefined); },
    showQuickPick: async (items) => {
      state.quickPickItems = items;
      return items.find((i) => i.label === state.quickPick);
    },
    createTerminal: (opts) => {
      const t = { opts, sent: [], shown: false, show() { this.shown = true; }, sendText(s) { this.sent.push(s); } };
      state.terminals.push(t);
      return t;
    },
    get activeTextEditor() { return state.activeEditor; },
    createWebviewPanel,
    showTextDocument: async (document) => {
      state.shownEditor = { document, selection: undefined, revealRange(r) { this.revealed = r; } };
      return state.shownEditor;
    },
  },
  workspace: {
    getConfiguration,
    onDidChangeConfiguration: (fn) => { state.configListeners.push(fn); return { dispose() {} }; },
    onDidChangeTextDocument: (fn) => { state.docListeners.push(fn); return { dispose() {} }; },
    getWorkspaceFolder: () => ({ uri: Uri.file('/proj') }),
    openTextDocument: async (uri) => makeDocument(uri.fsPath, ''),
  },
  commands: {
    registerCommand: (id, fn) => {
      if (state.commands.has(id)) throw new Error(`command ${id} registered twice`);
      state.commands.set(id, fn);
      return { dispose() { state.commands.delete(id); } };
    },
    executeCommand: async (...args) => { state.executed.push(args); },
  },
  env: {
    clipboard: { writeText: async (t) => { state.clipboard = t; } },
    openExternal: async (uri) => { state.opened = uri; return true; },
  },
};

// vscode-languageclient/node: the real module's constants, a recording LanguageClient.
const TransportKind = { stdio: 0, ipc: 1, pipe: 2, socket: 3 };
const State = { Stopped: 1, Starting: 3, Running: 2 };
class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, state: State.Stopped, starts: 0, stops: 0 });
    state.clients.push(this);
  }
  async start() {
    this.starts++;
    if (state.startError) throw new Error(state.startError);
    this.state = State.Running;
  }
  async stop() { this.stops++; this.state = State.Stopped; }
  registerFeature(f) { (this.features ??= []).push(f); }
}
const languageclient = { LanguageClient, TransportKind, State };

let installed = false;
function install() {
  if (installed) return;
  installed = true;
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return vscode;
    if (request === 'vscode-languageclient/node') return languageclient;
    return load.call(this, request, parent, isMain);
  };
}

function context(extensionPath = '/nonexistent/extension') {
  return { subscriptions: [], extensionPath, extensionUri: Uri.file(extensionPath) };
}

module.exports = { install, reset, state, vscode, languageclient, context };
