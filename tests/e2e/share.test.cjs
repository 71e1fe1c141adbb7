// Nothing lost, part two: the playground as a file (out and back in), the learner's objects as
// YAML for a real cluster, share links, the editor's unsaved buffer across a reload, and the
// page reloading with the network gone (the service worker).
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { openPage, runLine, useBrowser } = require('./lib.cjs');

const env = useBrowser();

/** A table without its AGE column (the clock moves on between two looks). */
const withoutAge = (text) => text.split('\n').slice(1).map((l) => l.split(/\s{3,}/).filter((c) => !/^\d+[smhd]/.test(c)).join('|')).join('\n');

async function menu(page, testid) {
  await page.click('[data-testid="playground-menu"]');
  await page.click(`[data-testid="${testid}"]`);
}

async function pause(page) {
  await page.click('[data-testid="time-pause"]');
}

test('save to a file, open it in another browser: the same cluster and files', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const { page, errors } = await openPage(context, env.base + '/');
  await runLine(page, 'kubectl create deployment web --image=nginx --replicas=2');
  await runLine(page, 'echo from-the-file > /root/note.txt');
  await runLine(page, 'sleep 5');
  const all = await runLine(page, 'kubectl get all -A');
  const [download] = await Promise.all([page.waitForEvent('download'), menu(page, 'export-playground')]);
  assert.equal(download.suggestedFilename(), 'kube-playground.json');
  const file = await download.path();
  assert.match(fs.readFileSync(file, 'utf8'), /^\{"version":1,/);

  const other = await env.browser.newContext();
  const { page: page2, errors: errors2 } = await openPage(other, env.base + '/');
  await runLine(page2, 'kubectl run mine --image=nginx');
  await page2.setInputFiles('[data-testid="import-playground"]', file);
  await page2.locator('[data-testid="notice"]').waitFor();
  assert.match(await page2.locator('[data-testid="notice"]').innerText(), /Opened the playground file/);
  // The playground it replaced stays downloadable.
  assert.equal(await page2.locator('[data-testid="notice-download"]').count(), 1);
  assert.equal(withoutAge(await runLine(page2, 'kubectl get all -A')), withoutAge(all));
  assert.match(await runLine(page2, 'cat /root/note.txt'), /from-the-file/);
  // A file that is not a save changes nothing.
  fs.writeFileSync(file + '.bad', '<script>alert(1)</script>');
  await page2.setInputFiles('[data-testid="import-playground"]', file + '.bad');
  await page2.waitForFunction(() => /not a playground save/.test(document.querySelector('[data-testid="notice"]')?.innerText || ''));
  assert.match(await runLine(page2, 'cat /root/note.txt'), /from-the-file/);
  assert.equal(await page2.locator('.notice script').count(), 0);
  assert.deepEqual(errors, []);
  assert.deepEqual(errors2, []);
  await context.close();
  await other.close();
});

test('my objects as YAML: only what the learner made, no status', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const { page, errors } = await openPage(context, env.base + '/');
  await menu(page, 'export-yaml');
  await page.waitForFunction(() => /No objects of your own/.test(document.querySelector('[data-testid="notice"]')?.innerText || ''));
  await runLine(page, 'kubectl create namespace shop');
  await runLine(page, 'kubectl create deployment api --image=nginx -n shop');
  await runLine(page, 'kubectl expose deployment api --port=80 -n shop');
  const [download] = await Promise.all([page.waitForEvent('download'), menu(page, 'export-yaml')]);
  assert.equal(download.suggestedFilename(), 'my-objects.yaml');
  const yaml = fs.readFileSync(await download.path(), 'utf8');
  const kinds = [...yaml.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]);
  assert.deepEqual(kinds, ['Namespace', 'Service', 'Deployment']);
  assert.doesNotMatch(yaml, /status:|uid:|resourceVersion:|clusterIP/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a share link opens the same cluster, files and lesson step elsewhere', async () => {
  const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const { page, errors } = await openPage(context, env.base + '/#/lessons/first-pod/1');
  await page.locator('[data-testid="lesson-step"]').waitFor();
  await pause(page);
  await runLine(page, 'kubectl run shared --image=nginx --labels=app=shared');
  await runLine(page, 'echo shared-file > /root/shared.txt');
  await runLine(page, 'sleep 8');
  const pods = await runLine(page, 'kubectl get pods -o wide --show-labels');
  await menu(page, 'share-link');
  const link = await page.locator('[data-testid="share-url"]').inputValue();
  assert.match(link, /#\/share\/[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 2000, `a short link: ${link.length}`);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

  const other = await env.browser.newContext();
  const { page: page2, errors: errors2 } = await openPage(other, link);
  await page2.waitForFunction(() => /Opened a shared playground/.test(document.querySelector('[data-testid="notice"]')?.innerText || ''));
  await pause(page2);
  assert.equal(withoutAge(await runLine(page2, 'kubectl get pods -o wide --show-labels')), withoutAge(pods));
  assert.match(await runLine(page2, 'cat /root/shared.txt'), /shared-file/);
  // The lesson step came along, and the address no longer replays the link.
  await page2.locator('[data-testid="lesson-step"]').waitFor();
  assert.match(page2.url(), /#\/lessons\/first-pod\/1$/);
  // A damaged link is explained; the playground is kept.
  await page2.goto(env.base + '/#/share/AAAA-not-deflate');
  await page2.reload();
  await page2.waitForFunction(() => /could not be opened/.test(document.querySelector('[data-testid="notice"]')?.innerText || ''));
  assert.match(await runLine(page2, 'cat /root/shared.txt'), /shared-file/);
  assert.deepEqual(errors, []);
  assert.deepEqual(errors2, []);
  await context.close();
  await other.close();
});

test('the editor and its unsaved text come back after a reload', async () => {
  const context = await env.browser.newContext();
  const { page, errors } = await openPage(context, env.base + '/');
  await runLine(page, 'vi draft.yaml');
  await page.locator('[data-testid="editor"]').waitFor();
  await page.focus('[data-testid="editor-text"]');
  await page.keyboard.press('i');
  await page.keyboard.insertText('apiVersion: v1\nkind: Pod\n');
  await page.waitForTimeout(200);
  await page.reload();
  await page.locator('[data-testid="editor"]').waitFor();
  assert.match(await page.locator('[data-testid="editor-text"]').inputValue(), /apiVersion: v1\nkind: Pod/);
  assert.match(await page.locator('[data-testid="editor-file"]').innerText(), /draft\.yaml/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with the network gone, the page reloads from the service worker, save and all', async () => {
  const context = await env.browser.newContext();
  const { page, errors } = await openPage(context, env.base + '/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Let the worker cache what the page loaded.
  await page.waitForFunction(async () => (await (await caches.open('kube-playground')).keys()).some((r) => r.url.endsWith('.wasm')), null, { timeout: 10000 });
  await runLine(page, 'kubectl create namespace offline-ok');
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid="terminal-input"]', { timeout: 20000 });
  assert.match(await runLine(page, 'kubectl get ns offline-ok'), /offline-ok\s+Active/);
  await context.setOffline(false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a playground too large for a link says so', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const { page, errors } = await openPage(context, env.base + '/');
  await runLine(page, 'kubectl create deployment big --image=nginx --replicas=400');
  await runLine(page, 'sleep 5');
  // A save from before journals: only its whole state could be shared.
  const [download] = await Promise.all([page.waitForEvent('download'), menu(page, 'export-playground')]);
  const save = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  delete save.journal;
  const file = (await download.path()) + '.old.json';
  fs.writeFileSync(file, JSON.stringify(save));
  await page.setInputFiles('[data-testid="import-playground"]', file);
  await page.waitForFunction(() => /Opened the playground file/.test(document.querySelector('[data-testid="notice"]')?.innerText || ''));
  await menu(page, 'share-link');
  await page.waitForFunction(() => /too large for a link/.test(document.querySelector('[data-testid="notice"]')?.innerText || ''), null, { timeout: 20000 });
  assert.equal(await page.locator('[data-testid="share-url"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
