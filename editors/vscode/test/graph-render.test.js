// Renders the stage graphs of testdata/graph/*.mermaid (the goldens of `dockerfile-lsp graph`) with the
// Mermaid the extension bundles, in headless Chromium, as the stage graph webview does: each must
// render, with a clickable node per stage (the webview finds them by the flowchart-sN- id prefix).
// Needs Chromium (CHROMIUM, default /usr/bin/chromium): skipped without it, failed in CI.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const goldens = path.join(__dirname, '..', '..', '..', 'testdata', 'graph');
const bundle = require.resolve('mermaid/dist/mermaid.min.js');

test('the bundled Mermaid renders every graph the server draws', { timeout: 120000 }, async (t) => {
  if (!fs.existsSync(chromium)) {
    if (process.env.CI) assert.fail(`no Chromium at ${chromium} (CI: editors/ci-install.sh installs it)`);
    t.skip(`no Chromium at ${chromium}`);
    return;
  }
  const { chromium: pw } = require('playwright-core');
  const browser = await pw.launch({ executablePath: chromium, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<html><body><div id="graph"></div></body></html>');
    await page.addScriptTag({ path: bundle });
    await page.evaluate(() => mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
    const files = fs.readdirSync(goldens).filter((f) => f.endsWith('.mermaid'));
    assert.ok(files.length >= 3, `only ${files.length} .mermaid goldens`);
    for (const f of files) {
      const text = fs.readFileSync(path.join(goldens, f), 'utf8');
      const stages = [...text.matchAll(/^ {2}(s\d+)\["/gm)].map((m) => m[1]);
      const got = await page.evaluate(async ([src, n]) => {
        const { svg } = await mermaid.render('g' + n, src);
        document.getElementById('graph').innerHTML = svg;
        return [...document.querySelectorAll('#graph g.node')].map((el) => ({
          id: (/flowchart-(s\d+|i\d+)-/.exec(el.id) || [])[1],
          cls: el.getAttribute('class'),
        }));
      }, [text, files.indexOf(f)]);
      const ids = got.map((g) => g.id);
      for (const s of stages) assert.ok(ids.includes(s), `${f}: no node for ${s} in ${JSON.stringify(ids)}`);
      const final = text.match(/^ {2}class (\S+) final$/m);
      if (final) assert.match(got.find((g) => g.id === final[1]).cls, /\bfinal\b/, `${f}: the final stage`);
    }
  } finally {
    await browser.close();
  }
});
