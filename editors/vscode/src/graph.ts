// The stage graph beside the editor: `dockerfile-lsp graph` draws it (Mermaid, plus JSON for the FROM
// lines), a webview renders it with the Mermaid bundled in the extension (media/mermaid.min.js, no
// network), it follows every edit of its Dockerfile, and clicking a stage reveals its FROM line.
import { execFile } from 'child_process';
import * as vscode from 'vscode';

/** What `dockerfile-lsp graph --format json` says of a node; only what the webview needs. */
interface GraphNode {
  id: string;
  kind: string;
  line?: number; // 1-based FROM line of a stage
}

/** Runs `SERVER graph --format FORMAT [--target T] -` on text. */
function runGraph(server: string, format: string, text: string, target: string): Promise<string> {
  const args = ['graph', '--format', format, ...(target ? ['--target', target] : []), '-'];
  return new Promise((resolve, reject) => {
    const child = execFile(server, args, { maxBuffer: 16 << 20, timeout: 10000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr.trim() || err.message));
      else resolve(stdout);
    });
    child.stdin?.end(text);
  });
}

/** The picture and the FROM line of each stage node, for one version of the text. */
export async function drawGraph(server: string, text: string, target: string): Promise<{ mermaid: string; lines: Record<string, number> }> {
  const [mermaid, json] = await Promise.all([runGraph(server, 'mermaid', text, target), runGraph(server, 'json', text, target)]);
  const lines: Record<string, number> = {};
  for (const n of (JSON.parse(json).nodes ?? []) as GraphNode[]) {
    if (n.kind === 'stage' && n.line) lines[n.id] = n.line;
  }
  return { mermaid, lines };
}

/** Opens (or reveals) the graph of doc beside it. */
export function showStageGraph(context: { extensionUri: vscode.Uri; subscriptions: { dispose(): unknown }[] }, doc: vscode.TextDocument, server: string, target: string): vscode.WebviewPanel {
  const media = vscode.Uri.joinPath(context.extensionUri, 'media');
  const panel = vscode.window.createWebviewPanel('dockerfile-lsp.stageGraph', `Stages: ${doc.uri.path.split('/').pop()}`, vscode.ViewColumn.Beside, {
    enableScripts: true,
    localResourceRoots: [media],
  });
  const nonce = [...Array(32)].map(() => Math.floor(Math.random() * 36).toString(36)).join('');
  const mermaidUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'mermaid.min.js'));
  panel.webview.html = webviewHtml(panel.webview.cspSource, nonce, String(mermaidUri));

  let lines: Record<string, number> = {};
  let version = 0;
  const update = async () => {
    const mine = ++version;
    try {
      const g = await drawGraph(server, doc.getText(), target);
      if (mine !== version) return; // a newer edit is being drawn
      lines = g.lines;
      void panel.webview.postMessage({ type: 'graph', mermaid: g.mermaid });
    } catch (err) {
      void panel.webview.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const subs = [
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== doc) return;
      clearTimeout(timer);
      timer = setTimeout(() => void update(), 200);
    }),
    panel.webview.onDidReceiveMessage(async (m: { type: string; id?: string }) => {
      if (m.type === 'ready') return update();
      const line = m.type === 'reveal' && m.id ? lines[m.id] : undefined;
      if (!line) return;
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
      const pos = new vscode.Position(line - 1, 0);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
  ];
  panel.onDidDispose(() => {
    clearTimeout(timer);
    subs.forEach((s) => s.dispose());
  });
  context.subscriptions.push(panel);
  return panel;
}

function webviewHtml(cspSource: string, nonce: string, mermaidUri: string): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource} 'unsafe-inline'; font-src ${cspSource}; script-src 'nonce-${nonce}';">
<style>body { padding: 8px; } #graph svg { max-width: 100%; height: auto; } g.node { cursor: pointer; } #error { color: var(--vscode-errorForeground); }</style>
</head><body>
<div id="error"></div><div id="graph"></div>
<script nonce="${nonce}" src="${mermaidUri}"></script>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
let drawn = 0;
window.addEventListener('message', async (e) => {
  const m = e.data;
  const error = document.getElementById('error');
  if (m.type === 'error') { error.textContent = m.message; return; }
  try {
    const { svg } = await mermaid.render('stages' + (++drawn), m.mermaid);
    document.getElementById('graph').innerHTML = svg;
    error.textContent = '';
    for (const node of document.querySelectorAll('#graph g.node')) {
      const id = /flowchart-(s\\d+)-/.exec(node.id);
      if (id) node.addEventListener('click', () => vscode.postMessage({ type: 'reveal', id: id[1] }));
    }
  } catch (err) {
    error.textContent = String(err && err.message || err);
  }
});
vscode.postMessage({ type: 'ready' });
</script>
</body></html>`;
}
