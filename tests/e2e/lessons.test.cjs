// The lesson panel in headless Chromium: a deep link opens the static pods lesson, each command
// block runs in the terminal on a click, and every check turns ✓ against the live cluster.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openPage, runLine, useBrowser } = require('./lib.cjs');

const env = useBrowser();

const entries = (page) => page.locator('[data-testid="terminal-entry"]').count();

/** Clicks every Run button of the step on screen, waiting for each block's lines to run. */
async function runStep(page, s) {
  const runs = page.locator('[data-testid="lesson-step"] [data-testid="lesson-run"]');
  const n = await runs.count();
  assert.ok(n > 0, `step ${s + 1} has commands to run`);
  for (let i = 0; i < n; i++) {
    const block = await runs.nth(i).locator('xpath=..').locator('code').innerText();
    const lines = block.split('\n').filter((l) => l.trim()).length;
    const before = await entries(page);
    await runs.nth(i).click();
    await page.waitForFunction(([b, l]) => document.querySelectorAll('[data-testid="terminal-entry"]').length >= b + l, [before, lines], { timeout: 30000 });
  }
}

async function allChecksPass(page) {
  await page.waitForFunction(() => {
    const checks = [...document.querySelectorAll('[data-testid="lesson-check"]')];
    return checks.length > 0 && checks.every((c) => c.dataset.passed === 'true');
  }, null, { timeout: 60000 });
}

test('a deep link opens the static pods lesson; clicking each command turns every check ✓', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/#/lessons/static-pods/1');
  await page.waitForSelector('[data-testid="lesson-panel"][data-lesson="static-pods"]');
  // Time runs ten times faster, so the kubelets pick the manifests up quickly.
  await page.selectOption('[data-testid="time-speed"]', '10');
  const steps = await page.locator('.step-pills button').count();
  assert.equal(steps, 3);
  for (let s = 0; s < steps; s++) {
    const step = page.locator('[data-testid="lesson-step"]');
    assert.match(await step.locator('h3').innerText(), new RegExp(`Step ${s + 1}/3`));
    // Before the step's commands, its checks do not all pass (the first step's look-around
    // excepted: the control plane is there from the start).
    await runStep(page, s);
    await allChecksPass(page);
    assert.match(await page.locator('.all-done').innerText(), /Every check passes/);
    if (s + 1 < steps) await page.click('[data-testid="lesson-next"]');
  }
  assert.equal(new URL(page.url()).hash, '#/lessons/static-pods/3');
  // Progress is kept: every step pill is marked done, and it survives a reload.
  assert.equal(await page.locator('.step-pills button.done').count(), 3);
  await page.reload();
  await page.waitForSelector('[data-testid="lesson-panel"][data-lesson="static-pods"]');
  assert.equal(await page.locator('.step-pills button.done').count(), 3);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the lesson list opens from the top bar, in Korean too; a lesson starts on a fresh cluster', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/?lang=ko');
  await page.click('[data-testid="lessons-toggle"]');
  const items = page.locator('[data-testid="lesson-item"]');
  assert.ok(await items.count() >= 15);
  assert.match(await items.first().innerText(), /첫 번째 파드/);
  await page.click('[data-testid="lesson-item"][data-id="first-pod"]');
  await page.waitForSelector('[data-testid="lesson-panel"][data-lesson="first-pod"]');
  assert.match(await page.locator('[data-testid="lesson-step"] h3').innerText(), /단계 1\//);
  // The checks are evaluated at once: nothing of the lesson is done yet.
  await page.waitForSelector('[data-testid="lesson-check"]');
  assert.equal(await page.locator('[data-testid="lesson-check"][data-passed="true"]').count(), 0);
  assert.equal(new URL(page.url()).hash, '#/lessons/first-pod/1');
  // Restart the lesson: step 1 again, on a fresh cluster.
  await page.click('[data-testid="lesson-next"]');
  await page.click('[data-testid="lesson-restart"]');
  await page.waitForFunction(() => new URL(location.href).hash === '#/lessons/first-pod/1');
  // Instructor view: every step, each with its solution open.
  await page.click('.instructor-toggle input');
  const all = page.locator('[data-testid="lesson-step"]');
  assert.ok(await all.count() > 1);
  assert.equal(await page.locator('details.solution[open]').count(), await all.count());
  // Back to the list: a fresh cluster for everyone, whatever was made before.
  await page.click('.instructor-toggle input');
  await runLine(page, 'kubectl create namespace leftover');
  await page.click('.lesson-panel .back');
  await page.click('[data-testid="cluster-reset"]');
  await page.waitForFunction(() => /새 클러스터입니다/.test(document.querySelector('[data-testid="terminal-output"]').textContent));
  assert.match(await runLine(page, 'kubectl get ns leftover'), /namespaces "leftover" not found/);
  assert.deepEqual(errors, []);
  await page.close();
});

const fs = require('node:fs');
const path = require('node:path');
const SAMPLE = path.join(__dirname, '..', 'lessons', '99-broken-sample');
const os = require('node:os');
/** A copy of the sample lesson folder (without the files named in `leave`), as an instructor has it on disk. */
function sampleFolder(leave = []) {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kp-lesson-')), '99-broken-sample');
  fs.mkdirSync(dir);
  for (const name of fs.readdirSync(SAMPLE)) {
    if (!leave.includes(name)) fs.copyFileSync(path.join(SAMPLE, name), path.join(dir, name));
  }
  return dir;
}

test('an instructor opens their own lesson folder without a rebuild: picked files, or a URL', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/#/lessons');
  await page.waitForSelector('[data-testid="lesson-panel"]');
  // A folder with a missing translation is refused with its problems.
  await page.setInputFiles('[data-testid="lesson-folder-input"]', sampleFolder(['run.ko.md']));
  await page.waitForSelector('[data-testid="notice"]');
  assert.match(await page.locator('[data-testid="notice"]').innerText(), /cannot be opened: lessons\/99-broken-sample\/run\.ko\.md: missing/);
  // The whole folder opens as a lesson, with its checks evaluated.
  await page.setInputFiles('[data-testid="lesson-folder-input"]', sampleFolder());
  await page.waitForSelector('[data-testid="lesson-panel"][data-lesson="broken-sample"]');
  assert.match(await page.locator('.lesson-panel > h2').innerText(), /A broken lesson/);
  await page.waitForSelector('[data-testid="lesson-check"][data-passed="false"]');
  // From a URL (here the test server; any https:// origin in use).
  const other = await openPage(env.browser, env.base + `/#/lessons/load?url=${encodeURIComponent(env.base + '/test-lessons/99-broken-sample/')}`);
  await other.page.waitForSelector('[data-testid="lesson-panel"][data-lesson="broken-sample"]');
  assert.equal(await other.page.locator('.step-pills button').count(), 2);
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await page.close();
  await other.page.close();
});
