// Makes docs/screenshot.png from the release build in dist/ (run after `trunk build --release`):
//   NODE_PATH=~/.cache/kube-playground/tools/node_modules node tests/e2e/screenshot.cjs
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };

(async () => {
  const server = http.createServer((req, res) => {
    let url = req.url.split('?')[0];
    if (url.endsWith('/')) url += 'index.html';
    const file = path.join(DIST, path.normalize(url));
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 1100, height: 520 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForSelector('[data-testid="terminal-input"]');
  for (const line of ['kubectl get nodes', 'kubectl run nginx --image=nginx', 'kubectl get pods -A']) {
    await page.fill('[data-testid="terminal-input"]', line);
    await page.press('[data-testid="terminal-input"]', 'Enter');
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshot.png') });
  await browser.close();
  server.close();
})();
