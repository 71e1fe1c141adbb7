// End-to-end: serve the release build on 127.0.0.1 and drive the page in headless Chromium.
// Run by scripts/test.sh (`node --test tests/e2e/`), with playwright-core from the tools dir on
// NODE_PATH and Debian's /usr/bin/chromium (nothing is downloaded).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.txt': 'text/plain' };

// `/` serves dist/, `/kube-playground/` serves dist-pages/ (built with that public URL).
function serve() {
  const server = http.createServer((req, res) => {
    let url = decodeURIComponent(req.url.split('?')[0]);
    let dir = path.join(ROOT, 'dist');
    if (url.startsWith('/kube-playground/')) {
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

let server, browser, base;

before(async () => {
  server = await serve();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

async function openPage(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-testid="terminal-input"]', { timeout: 20000 });
  return { page, errors };
}

/** Types a line, presses Enter, returns the text of the newest terminal entry. */
async function runLine(page, line) {
  const before = await page.locator('[data-testid="terminal-entry"]').count();
  await page.fill('[data-testid="terminal-input"]', line);
  await page.press('[data-testid="terminal-input"]', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="terminal-entry"]').length > n, before);
  return page.locator('[data-testid="terminal-entry"]').last().innerText();
}

test('the first prompt appears quickly', async () => {
  // The first page a fresh browser opens also pays for the browser's own start (its renderer
  // and network processes, V8's first isolate): printed, but the target is for the page. The
  // measured figure is the median of five more loads, each in a new browser context (no
  // cache shared between them), as a learner's browser that is already running opens the page.
  const load = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(base + '/');
    await page.waitForSelector('[data-testid="terminal-input"]', { timeout: 20000 });
    await page.waitForFunction(() => typeof window.__kpFirstPromptMs === 'number');
    const ms = await page.evaluate(() => window.__kpFirstPromptMs);
    const prompt = await page.locator('[data-testid="terminal-prompt"]').innerText();
    assert.equal(prompt.trim(), 'controlplane $');
    assert.deepEqual(errors, []);
    await context.close();
    return ms;
  };
  const cold = await load();
  const warm = [];
  for (let i = 0; i < 5; i++) warm.push(await load());
  warm.sort((a, b) => a - b);
  const median = warm[2];
  console.log(`time to first prompt: ${median.toFixed(1)} ms (median of 5 loads, navigation start to prompt on screen; target 300 ms); `
    + `loads ${warm.map((m) => m.toFixed(0)).join(', ')} ms; first load of a fresh browser ${cold.toFixed(1)} ms`);
  // A loose guard against regressions; the figure itself is the measurement.
  assert.ok(median < 3000, `first prompt after ${median} ms`);
});

test('kubectl get nodes prints the node table', async () => {
  const { page, errors } = await openPage(base + '/');
  const text = await runLine(page, 'kubectl get nodes');
  const lines = text.split('\n');
  assert.equal(lines[0], 'controlplane $ kubectl get nodes');
  assert.match(lines[1], /^NAME\s{11}STATUS\s{3}ROLES\s{11}AGE\s{3}VERSION$/);
  assert.match(lines[2], /^controlplane\s{3}Ready\s{4}control-plane\s{3}\S+\s+v1\.31\.9$/);
  assert.match(lines[3], /^node01\s{9}Ready\s{4}<none>\s{10}\S+\s+v1\.31\.9$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a pod is created and runs; bad input gets real messages', async () => {
  const { page, errors } = await openPage(base + '/');
  assert.match(await runLine(page, 'kubectl run nginx --image=nginx'), /pod\/nginx created/);
  const pods = await runLine(page, 'kubectl get pods');
  assert.match(pods, /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nnginx\s+0\/1\s+(ContainerCreating|Running)/);
  assert.match(await runLine(page, 'foo'), /foo: command not found/);
  assert.match(await runLine(page, 'kubectl foo'), /error: unknown command "foo" for "kubectl"\n\nDid you mean this\?\n\ttop/);
  assert.match(await runLine(page, 'kubectl get pods --bogus'), /error: unknown flag: --bogus\nSee 'kubectl get --help' for usage\./);
  const empty = await runLine(page, '');
  assert.equal(empty.trim(), 'controlplane $');
  // The terminal goes on after all of that.
  assert.match(await runLine(page, 'kubectl version'), /Client Version: v1\.31\.9/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('clear empties the scrollback', async () => {
  const { page } = await openPage(base + '/');
  await runLine(page, 'kubectl get ns');
  await page.fill('[data-testid="terminal-input"]', 'clear');
  await page.press('[data-testid="terminal-input"]', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="terminal-entry"]').length === 0);
  await page.close();
});

test('kubectl run -it --rm gives a shell in the container, and deletes the pod on exit', async () => {
  const { page, errors } = await openPage(base + '/');
  const run = await runLine(page, 'kubectl run tmp --image=busybox -it --rm -- sh');
  assert.match(run, /If you don't see a command prompt, try pressing enter\./);
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-prompt"]').innerText.trim() === '/ #');
  assert.match(await runLine(page, 'hostname'), /^\/ # hostname\ntmp\n?$/);
  const exit = await runLine(page, 'exit');
  assert.match(exit, /pod "tmp" deleted/);
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-prompt"]').innerText.trim() === 'controlplane $');
  assert.match(await runLine(page, 'kubectl get pod tmp'), /pods "tmp" not found/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("kubectl explain's descriptions arrive after the first prompt", async () => {
  for (const url of [base + '/', base + '/kube-playground/']) {
    const page = await browser.newPage();
    const fetched = page.waitForResponse((r) => r.url().endsWith('/explain.txt') && r.ok());
    await page.goto(url);
    await page.waitForSelector('[data-testid="terminal-input"]', { timeout: 20000 });
    await fetched;
    const text = await runLine(page, 'kubectl explain pod.spec.nodeName');
    assert.match(text, /FIELD: nodeName <string>\n+DESCRIPTION:\n {4}NodeName indicates in which node this pod is scheduled\./);
    await page.close();
  }
});

test('the Pages build works from its sub-path', async () => {
  const { page, errors } = await openPage(base + '/kube-playground/');
  const text = await runLine(page, 'kubectl get ns');
  assert.match(text, /kube-system\s+Active/);
  assert.deepEqual(errors, []);
  await page.close();
});
