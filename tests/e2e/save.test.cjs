// Nothing lost: the playground is saved in the browser after every command and restored on
// reload; a damaged save is explained, offered for download, and a fresh cluster starts.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openPage, runLine, useBrowser } = require('./lib.cjs');

const env = useBrowser();

/** A table without its AGE column (the clock moves on between two looks). */
const withoutAge = (text) => text.split('\n').slice(1).map((l) => l.split(/\s{3,}/).filter((c) => !/^\d+[smhd]/.test(c)).join('|')).join('\n');

test('objects, files, the shell and the clock survive a reload', async () => {
  const context = await env.browser.newContext();
  const { page, errors } = await openPage(context, env.base + '/');
  await runLine(page, 'kubectl create deployment web --image=nginx --replicas=2');
  await runLine(page, 'kubectl create namespace team-a');
  await runLine(page, 'kubectl run cache --image=redis -n team-a');
  await runLine(page, 'mkdir -p /root/work && echo hello > /root/work/note.txt');
  await runLine(page, 'alias k=kubectl');
  await runLine(page, 'sleep 1');
  const all = await runLine(page, 'kubectl get all -A');
  const ls = await runLine(page, 'ls -R /root');
  await page.reload();
  await page.waitForSelector('[data-testid="terminal-input"]');
  assert.equal(withoutAge(await runLine(page, 'kubectl get all -A')), withoutAge(all));
  assert.equal(await runLine(page, 'ls -R /root'), ls);
  assert.match(await runLine(page, 'cat /root/work/note.txt'), /\nhello/);
  assert.match(await runLine(page, 'k get ns team-a'), /team-a\s+Active/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a damaged save is explained and offered for download; the page starts afresh', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.base + '/');
  await page.evaluate(() => localStorage.setItem('kube-playground.session', '{"version": 1, "cluster": <script>alert(1)</script>'));
  await page.reload();
  const notice = page.locator('[data-testid="notice"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /could not be restored/);
  const href = await page.locator('[data-testid="notice-download"]').getAttribute('href');
  assert.match(decodeURIComponent(href), /<script>alert\(1\)<\/script>/);
  // The script in the save stays text.
  assert.equal(await page.locator('.notice script').count(), 0);
  assert.match(await runLine(page, 'kubectl get pods'), /No resources found in default namespace\./);
  // A newer save is refused the same way.
  await page.evaluate(() => localStorage.setItem('kube-playground.session', '{"version": 999}'));
  await page.reload();
  await page.locator('[data-testid="notice"]').waitFor();
  assert.match(await page.locator('[data-testid="notice"]').innerText(), /format 999/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs never leave a damaged save', async () => {
  const context = await env.browser.newContext();
  const a = await openPage(context, env.base + '/');
  const b = await openPage(context, env.base + '/');
  await runLine(a.page, 'kubectl run one --image=nginx');
  await runLine(b.page, 'kubectl run two --image=nginx');
  await runLine(a.page, 'kubectl run three --image=nginx');
  const c = await openPage(context, env.base + '/');
  // The last tab to run a command wrote a whole save; it restores cleanly.
  const pods = await runLine(c.page, 'kubectl get pods -o name');
  assert.match(pods, /pod\/one\npod\/three/);
  assert.equal(await c.page.locator('[data-testid="notice"]').count(), 0);
  for (const t of [a, b, c]) assert.deepEqual(t.errors, []);
  await context.close();
});

test('a playground of a thousand pods is kept deflated and restored', async () => {
  const context = await env.browser.newContext();
  const { page, errors } = await openPage(context, env.base + '/');
  await page.click('[data-testid="time-pause"]');
  await runLine(page, 'kubectl create deployment many --image=nginx --replicas=1000');
  await page.waitForFunction(() => (localStorage.getItem('kube-playground.session.deflated') || '').length > 1000, null, { timeout: 30000 });
  const sizes = await page.evaluate(() => ({
    plain: localStorage.getItem('kube-playground.session'),
    deflated: localStorage.getItem('kube-playground.session.deflated').length,
  }));
  assert.equal(sizes.plain, null, 'one save only');
  assert.ok(sizes.deflated < 2000000, `deflated to ${sizes.deflated} characters`);
  console.log(`# a save with 1,000 pods: ${sizes.deflated} characters deflated`);
  await page.reload();
  await page.waitForSelector('[data-testid="terminal-input"]');
  assert.match(await runLine(page, 'kubectl get deploy many'), /many\s+\d+\/1000\s+1000/);
  assert.equal((await runLine(page, 'kubectl get pods --no-headers | wc -l')).trim().split('\n').pop(), '1000');
  assert.deepEqual(errors, []);
  await context.close();
});
