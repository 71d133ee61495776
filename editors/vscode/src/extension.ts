import * as path from 'path';
import * as readline from 'readline';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  BuildLine,
  INSTALL_COMMAND,
  RELEASES_URL,
  SECTION,
  buildCommand,
  chooseServer,
  documentSelector,
  lensBuild,
  notFoundMessage,
  parseLogLine,
  parseStages,
  serverSettings,
} from './config';
import { showStageGraph } from './graph';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let traceOutput: vscode.LogOutputChannel | undefined;
let extensionPath: string | undefined;

/** What activate returns: lets tests (and other extensions) reach the client. */
export interface Api {
  readonly client: LanguageClient | undefined;
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

function settingsGetter(cfg: vscode.WorkspaceConfiguration) {
  return <T>(key: string, def: T): T => cfg.get<T>(key, def);
}

export async function activate(context: vscode.ExtensionContext): Promise<Api> {
  extensionPath = context.extensionPath;
  // The server's stderr (its log) goes to this channel; "Show server log" reveals it.
  output = vscode.window.createOutputChannel('Dockerfile LSP', { log: true });
  traceOutput = vscode.window.createOutputChannel('Dockerfile LSP Trace', { log: true });
  context.subscriptions.push(
    output,
    traceOutput,
    vscode.commands.registerCommand('dockerfile-lsp.restart', () => restart()),
    vscode.commands.registerCommand('dockerfile-lsp.showLog', () => output?.show(true)),
    vscode.commands.registerCommand('dockerfile-lsp.buildStage', (uri?: vscode.Uri, stage?: string) =>
      buildStage(uri, stage),
    ),
    vscode.commands.registerCommand('dockerfile-lsp.showStageGraph', () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc) {
        void vscode.window.showErrorMessage('Dockerfile LSP: open a Dockerfile to see its stage graph.');
        return;
      }
      const chosen = chooseServer(config().get<string>('path', ''), extensionPath);
      if (!chosen) {
        void vscode.window.showErrorMessage(notFoundMessage(config().get<string>('path', '')));
        return;
      }
      return showStageGraph(context, doc, chosen.command, config().get<string>('target', '').trim());
    }),
    // A stage's code lens: the server sends this command to clients that advertise it (below).
    vscode.commands.registerCommand(RUN_BUILD_COMMAND, (line: BuildLine) => {
      const b = lensBuild(line);
      if (!b) return;
      return buildStage(vscode.Uri.file(b.file), b.stage);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // severity/target reach the running server through didChangeConfiguration; these need a restart.
      const restartOn = ['path', 'logLevel', 'composeAndBake'];
      if (restartOn.some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) {
        void restart();
      }
    }),
    { dispose: () => void stop() },
  );
  await start();
  return {
    get client() {
      return client;
    },
  };
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  const cfg = config();
  const configured = cfg.get<string>('path', '');
  const chosen = chooseServer(configured, extensionPath);
  if (!chosen) {
    const msg = notFoundMessage(configured);
    output?.appendLine(msg);
    void vscode.window.showErrorMessage(msg, 'Download', 'Copy install command', 'Open settings').then((choice) => {
      if (choice === 'Download') void vscode.env.openExternal(vscode.Uri.parse(RELEASES_URL));
      if (choice === 'Copy install command') void vscode.env.clipboard.writeText(INSTALL_COMMAND);
      if (choice === 'Open settings') void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
    });
    return;
  }
  const command = chosen.command;
  output?.info(`Using ${command}, from ${chosen.origin}`);

  const args = ['--log-level', cfg.get<string>('logLevel', 'info')];
  // TransportKind.stdio makes the client append --stdio, which the server accepts.
  const serverOptions: ServerOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args: ['--log-level', 'debug'], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(cfg.get<boolean>('composeAndBake', true)),
    initializationOptions: serverSettings(settingsGetter(cfg)),
    synchronize: { configurationSection: SECTION },
    outputChannel: output,
    traceOutputChannel: traceOutput,
    // The server logs to stderr; each line keeps the level it was logged at.
    stdioOptions: { stdout: logLines, stderr: logLines },
  };
  client = new LanguageClient(SECTION, 'Dockerfile LSP', serverOptions, clientOptions);
  // Tell the server this client runs builds, so its code lenses run them instead of showing them.
  client.registerFeature({
    fillClientCapabilities(caps) {
      caps.experimental = { ...(caps.experimental as object), commands: [RUN_BUILD_COMMAND] };
    },
    initialize() {},
    getState: () => ({ kind: 'static' }),
    clear() {},
  });
  output?.appendLine(`Starting ${command} ${args.join(' ')} --stdio`);
  try {
    await client.start();
  } catch (err) {
    const msg = `Dockerfile LSP: the server (${command}) failed to start: ${err instanceof Error ? err.message : String(err)}`;
    output?.appendLine(msg);
    void vscode.window.showErrorMessage(msg, 'Show server log').then((choice) => {
      if (choice) output?.show(true);
    });
  }
}

/** The client-side command behind a stage's code lens (server/targets.go: runBuildCommand). */
const RUN_BUILD_COMMAND = 'dockerfile-lsp.runBuild';

function logLines(input: NodeJS.ReadableStream, channel: vscode.LogOutputChannel): void {
  readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on('line', (line) => {
    const { level, message } = parseLogLine(line);
    channel[level](message);
  });
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    if (c.state !== State.Stopped) await c.stop(2000);
  } catch {
    // A server that died already cannot be stopped; nothing to do.
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function buildStage(uri?: vscode.Uri, stageArg?: string): Promise<void> {
  let doc: vscode.TextDocument | undefined;
  if (uri instanceof vscode.Uri) {
    doc = await vscode.workspace.openTextDocument(uri);
  } else {
    doc = vscode.window.activeTextEditor?.document;
  }
  if (!doc) {
    void vscode.window.showErrorMessage('Dockerfile LSP: open a Dockerfile to build one of its stages.');
    return;
  }
  const named = parseStages(doc.getText()).filter((s) => s.name);
  let stage = stageArg;
  if (!stage) {
    if (named.length === 0) {
      void vscode.window.showInformationMessage(
        'Dockerfile LSP: this Dockerfile has no named stages (FROM image AS name) to pass to --target.',
      );
      return;
    }
    const target = config().get<string>('target', '');
    const items = named.map((s) => ({
      label: s.name!,
      description: `FROM ${s.base}`,
      detail: `stage ${s.index}, line ${s.line + 1}${s.name === target ? ' (configured target)' : ''}`,
    }));
    items.sort((a, b) => Number(b.label === target) - Number(a.label === target));
    const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Stage to build (docker build --target)' });
    if (!pick) return;
    stage = pick.label;
  }

  const file = doc.uri.fsPath;
  let contextDir = path.dirname(file);
  if (config().get<string>('build.context', 'dockerfileDirectory') === 'workspaceFolder') {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (folder) contextDir = folder.uri.fsPath;
  }
  if (doc.isDirty) await doc.save();
  const extra = config().get<string[]>('build.extraArgs', []);
  const rel = path.relative(contextDir, file) || path.basename(file);
  const cmd = buildCommand(stage, rel, '.', extra);
  const terminal = vscode.window.createTerminal({ name: `docker build --target ${stage}`, cwd: contextDir });
  terminal.show();
  terminal.sendText(cmd);
}
