// Figures the terminal is held to, measured in headless Chromium and printed: the time from
// Enter to the output on screen for `kubectl get pods -A` with 1,000 pods, the time from a
// keystroke to its frame with 5,000 lines of scrollback, and the longest main-thread task;
// the cluster view with 1,000 pods changing, and what happens at 10,000.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openPage, runLine, useBrowser } = require('./lib.cjs');

const env = useBrowser();
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** Enter on `line`: milliseconds until the frame that shows its output. */
async function enterToFrame(page, line) {
  await page.fill('[data-testid="terminal-input"]', line);
  return page.evaluate(() => new Promise((resolve) => {
    const input = document.querySelector('[data-testid="terminal-input"]');
    const n = document.querySelectorAll('[data-testid="terminal-entry"]').length;
    const t0 = performance.now();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    const check = () => {
      if (document.querySelectorAll('[data-testid="terminal-entry"]').length > n) {
        requestAnimationFrame(() => resolve(performance.now() - t0));
      } else {
        requestAnimationFrame(check);
      }
    };
    check();
  }));
}

/** The gaps between animation frames for `ms` milliseconds. */
function frameGaps(page, ms) {
  return page.evaluate((ms) => new Promise((resolve) => {
    const gaps = [];
    let last = performance.now();
    const start = last;
    const step = (t) => {
      gaps.push(t - last);
      last = t;
      if (t - start < ms) requestAnimationFrame(step); else resolve(gaps);
    };
    requestAnimationFrame(step);
  }), ms);
}

async function longTasks(page) {
  await page.evaluate(() => {
    window.__kpLong = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__kpLong.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
  });
}

test('keystroke to output: kubectl get pods -A at 1,000 pods; typing with 5,000 lines of scrollback', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/');
  await page.click('[data-testid="time-pause"]');
  await runLine(page, 'kubectl create deployment bench --image=nginx --replicas=1000');
  // The cluster view while 1,000 pods change: the clock at 10×, frames for 3 s.
  await longTasks(page);
  await page.selectOption('[data-testid="time-speed"]', '10');
  await page.click('[data-testid="time-play"]');
  const frames = await frameGaps(page, 3000);
  await page.click('[data-testid="time-pause"]');
  const viewLong = Math.max(0, ...(await page.evaluate(() => window.__kpLong)));
  const p95 = [...frames].sort((a, b) => a - b)[Math.floor(frames.length * 0.95)];
  const running = await runLine(page, 'kubectl get deploy bench');
  assert.match(running, /bench\s+\d+\/1000\s+1000/);
  console.log(`# cluster view with 1,000 pods changing (clock at 10x): ${frames.length} frames in 3 s, median ${median(frames).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; longest task ${viewLong.toFixed(0)} ms; ${running.trim().split('\n').pop()}`);
  await longTasks(page);
  const times = [];
  for (let i = 0; i < 7; i++) times.push(await enterToFrame(page, 'kubectl get pods -A'));
  const out = await page.locator('[data-testid="terminal-entry"]').last().innerText();
  assert.equal(out.split('\n').filter((l) => /^default\s+bench-/.test(l)).length, 1000);
  const getLong = Math.max(0, ...(await page.evaluate(() => window.__kpLong)));

  await page.press('[data-testid="terminal-input"]', 'Control+l');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="terminal-entry"]').length === 0);
  await runLine(page, 'seq 5000');
  const lines = (await page.locator('[data-testid="terminal-output"]').innerText()).split('\n').length;
  assert.ok(lines >= 5000, `${lines} lines of scrollback`);
  await longTasks(page);
  const keys = await page.evaluate(async () => {
    const input = document.querySelector('[data-testid="terminal-input"]');
    input.focus();
    const out = [];
    for (const ch of 'kubectl get pods -o wide --show-labels') {
      const t0 = performance.now();
      input.value += ch;
      input.dispatchEvent(new InputEvent('input', { data: ch, inputType: 'insertText', bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      out.push(performance.now() - t0);
    }
    return out;
  });
  const typeLong = Math.max(0, ...(await page.evaluate(() => window.__kpLong)));
  assert.equal(await page.inputValue('[data-testid="terminal-input"]'), 'kubectl get pods -o wide --show-labels');
  console.log(`# enter to output, kubectl get pods -A at 1,000 pods: median ${median(times).toFixed(1)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')} ms); longest task ${getLong.toFixed(0)} ms`);
  console.log(`# keystroke to frame with ${lines} lines of scrollback: median ${median(keys).toFixed(1)} ms, max ${Math.max(...keys).toFixed(1)} ms over ${keys.length} keys; longest task ${typeLong.toFixed(0)} ms`);
  // Generous bounds: a regression by an order of magnitude fails; the figures are the report.
  assert.ok(median(times) < 1000, 'enter to output');
  assert.ok(median(keys) < 100, 'keystroke to frame');
  assert.deepEqual(errors, []);
  await page.close();
});

test('what happens at 10,000 pods: the command, then the cluster view with the clock at 10x', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/');
  await page.click('[data-testid="time-pause"]');
  await longTasks(page);
  const t0 = Date.now();
  await runLine(page, 'kubectl create deployment huge --image=nginx --replicas=10000');
  const command = Date.now() - t0;
  const commandLong = Math.max(0, ...(await page.evaluate(() => window.__kpLong)));
  await longTasks(page);
  await page.selectOption('[data-testid="time-speed"]', '10');
  await page.click('[data-testid="time-play"]');
  const frames = await frameGaps(page, 3000);
  await page.click('[data-testid="time-pause"]');
  const tasks = await page.evaluate(() => window.__kpLong);
  const drawn = await page.locator('[data-testid="pod"]').count();
  const status = await runLine(page, 'kubectl get deploy huge');
  assert.match(status, /huge\s+\d+\/10000\s+10000/);
  console.log(`# 10,000 pods: the create command took ${command} ms (longest task ${commandLong.toFixed(0)} ms); then 3 s at 10x: ${frames.length} frames, median ${median(frames).toFixed(1)} ms, longest task ${Math.max(0, ...tasks).toFixed(0)} ms (${tasks.filter((t) => t > 100).length} over 100 ms); ${drawn} pods drawn; ${status.trim().split('\n').pop()}`);
  assert.ok(drawn <= 400, 'the view draws at most 400 pods and counts the rest');
  assert.deepEqual(errors, []);
  await page.close();
});
