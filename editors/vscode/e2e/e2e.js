// Drives code-server in headless Chromium (playwright-core): opens the Dockerfile from the Explorer,
// waits for the UnusedStage warning (squiggle and Problems view), types `COPY --from=` and checks the
// suggestions list the stages, opens "Dockerfile: Show stage graph" and checks that the webview renders
// the stages, then saves screenshots. Run through e2e/run.sh.
'use strict';
const { chromium } = require('playwright-core');

const [url, screenshot] = process.argv.slice(2);
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 60000);
const log = (...a) => console.log('e2e:', ...a);

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor();
    log('workbench loaded');

    // Open the Dockerfile by clicking it in the Explorer (more reliable than Quick Open right after start).
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^Dockerfile$/ }).first();
    await row.waitFor();
    await row.click();
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor();
    await page.locator('.editor-instance .view-line', { hasText: 'AS unused' }).waitFor();
    log('Dockerfile open');

    // 1. The UnusedStage warning: a warning squiggle, and the Problems view lists it with its source and code.
    await editor.locator('.squiggly-warning').first().waitFor();
    log('warning squiggle shown');
    await editor.click();
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'UnusedStage' }).first();
    await problem.waitFor();
    const problemText = (await problem.innerText()).replace(/\s+/g, ' ').trim();
    log(`Problems view: ${problemText}`);
    if (!/dockerfile-lsp/.test(problemText)) throw new Error(`problem lacks the source dockerfile-lsp: ${problemText}`);

    // 2. Completion after COPY --from= at the end of the final stage.
    await page.locator('.editor-instance .view-line', { hasText: 'COPY --from=build' }).click();
    await page.keyboard.press('Control+End'); // the file ends with a newline: an empty last line
    await page.keyboard.type('COPY --from=', { delay: 30 });
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    try {
      await suggest.waitFor({ timeout: 5000 });
    } catch {
      await page.keyboard.press('Control+Space'); // trigger characters are the server's choice
      await suggest.waitFor();
    }
    const rows = suggest.locator('.monaco-list-row');
    await rows.filter({ hasText: 'build' }).first().waitFor();
    const labels = await rows.locator('.label-name').allInnerTexts();
    log(`completion after "COPY --from=": ${labels.join(', ')}`);
    if (!labels.includes('build') || !labels.includes('unused')) {
      throw new Error(`completion should list the stages build and unused, got: ${labels.join(', ')}`);
    }

    if (screenshot) {
      await page.screenshot({ path: screenshot });
      log(`screenshot saved: ${screenshot}`);
    }

    // 3. The stage graph: a webview beside the editor renders every stage with the bundled Mermaid.
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await page.keyboard.type('Dockerfile: Show stage graph', { delay: 20 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show stage graph' }).first().waitFor();
    await page.keyboard.press('Enter');
    const deadline = Date.now() + TIMEOUT;
    let nodes = [];
    while (Date.now() < deadline) {
      for (const frame of page.frames()) {
        // SVG elements have no innerText: read their textContent.
        const found = await frame.locator('#graph g.node').evaluateAll((els) => els.map((e) => e.textContent || '')).catch(() => []);
        if (found.length) nodes = found;
      }
      if (nodes.length) break;
      await page.waitForTimeout(250);
    }
    const text = nodes.map((n) => n.replace(/\s+/g, ' ').trim());
    log(`stage graph nodes: ${text.join(' | ')}`);
    for (const want of ['build', 'unused']) {
      if (!text.some((n) => n.startsWith(want))) throw new Error(`the stage graph lacks the stage ${want}: ${text.join(' | ')}`);
    }
    if (screenshot) {
      const graphShot = screenshot.replace(/(\.png)?$/, '-graph.png');
      await page.screenshot({ path: graphShot });
      log(`screenshot saved: ${graphShot}`);
    }
    log('PASS vscode e2e');
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error('e2e: FAIL:', err && err.stack ? err.stack : err);
  process.exit(1);
});
