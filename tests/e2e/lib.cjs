// Shared by the end-to-end tests: a static server for dist/ (at /) and dist-pages/ (at
// /kube-playground/), and a headless Debian Chromium.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { before, after } = require('node:test');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.webmanifest': 'application/manifest+json' };

function serve() {
  const server = http.createServer((req, res) => {
    let url = decodeURIComponent(req.url.split('?')[0]);
    let dir = path.join(ROOT, 'dist');
    if (url.startsWith('/test-lessons/')) {
      // Lesson folders for the "open a lesson from a URL" test.
      dir = path.join(ROOT, 'tests', 'lessons');
      url = url.slice('/test-lessons'.length);
    } else if (url.startsWith('/kube-playground/')) {
      dir = path.join(ROOT, 'dist-pages');
      url = url.slice('/kube-playground'.length);
    }
    if (url.endsWith('/')) url += 'index.html';
    const file = path.join(dir, path.normalize(url));
    if (!file.startsWith(dir) || !fs.existsSync(file)) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens a page and waits for the terminal; collects page errors and CSP violations. */
async function openPage(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) errors.push(m.text()); });
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  await page.waitForSelector('[data-testid="terminal-input"]', { timeout: 20000 });
  return { page, errors };
}

/** Types a line, presses Enter, returns the text of the newest terminal entry. */
async function runLine(page, line) {
  // A command still running in the foreground (a `sleep`, `kubectl get -w`) holds the prompt.
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-prompt"]')?.innerText.trim() !== '', null, { timeout: 60000 });
  const before = await page.locator('[data-testid="terminal-entry"]').count();
  await page.fill('[data-testid="terminal-input"]', line);
  await page.press('[data-testid="terminal-input"]', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="terminal-entry"]').length > n, before);
  return page.locator('[data-testid="terminal-entry"]').last().innerText();
}

/** The server and browser of one test file: `env.base` and `env.browser` are set before its tests. */
function useBrowser() {
  const env = {};
  before(async () => {
    env.server = await serve();
    env.base = `http://127.0.0.1:${env.server.address().port}`;
    env.browser = await launch();
  });
  after(async () => {
    if (env.browser) await env.browser.close();
    if (env.server) env.server.close();
  });
  return env;
}

module.exports = { ROOT, serve, launch, openPage, runLine, useBrowser };
