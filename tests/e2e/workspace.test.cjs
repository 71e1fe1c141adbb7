// End-to-end: the workspace around the terminal — the YAML editor opened by `vi`, the live
// cluster view, "what happened", the time controls, Tab completion, multi-line paste and the
// Korean UI. Serves the release build in dist/ (see lib.cjs; run by scripts/test.sh).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const lib = require('./lib.cjs');

const { runLine } = lib;
let server, browser, base;

before(async () => {
  server = await lib.serve();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await lib.launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

/** Opens the page in English and waits until the cluster is drawn. */
async function openPage(query = '?lang=en') {
  const opened = await lib.openPage(browser, base + '/' + query);
  await opened.page.setViewportSize({ width: 1400, height: 900 });
  await opened.page.waitForSelector('[data-testid="node"][data-name="node01"]', { timeout: 20000 });
  return opened;
}

const chip = (name) => `[data-testid="pod"][data-name="${name}"]`;

const POD_WITH_TAB = 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: demo\nspec:\n  containers:\n  - name: web\n    image: nginx\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: web\n    image: nginx';

test('vi: a pasted tab is flagged; fixed, saved and applied, the pod appears and runs', async () => {
  const { page, errors } = await openPage();
  await runLine(page, 'vi pod.yaml');
  const editor = page.locator('[data-testid="editor"]');
  await editor.waitFor();
  assert.equal(await editor.getAttribute('data-mode'), 'normal');
  assert.match(await page.locator('[data-testid="editor-message"]').innerText(), /"pod\.yaml" \[New\]/);
  await page.focus('[data-testid="editor-text"]');
  await page.keyboard.press('i');
  assert.equal(await editor.getAttribute('data-mode'), 'insert');
  // A paste, as from a web page: no auto-indent, the tab kept.
  await page.keyboard.insertText(POD_WITH_TAB);
  await page.waitForSelector('[data-testid="editor-error"][data-line="4"]');
  assert.equal(await page.locator('[data-testid="editor-error"]').count(), 1, 'one marked line');
  assert.match(await page.locator('[data-testid="editor-error"]').getAttribute('title'), /Tab character/);
  // Esc, u: the paste is undone as one change; type the manifest again without the tab.
  await page.keyboard.press('Escape');
  await page.keyboard.press('u');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="editor-error"]').length === 0);
  await page.keyboard.press('i');
  await page.keyboard.insertText(POD);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-testid="editor-error"]').count(), 0);
  await page.keyboard.type(':w');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /"pod\.yaml" \[New\] 8L, \d+B written/.test(
    document.querySelector('[data-testid="editor-message"]')?.textContent || ''));
  // Apply runs kubectl through the terminal, as if typed.
  const entries = await page.locator('[data-testid="terminal-entry"]').count();
  await page.click('[data-testid="editor-apply"]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="terminal-entry"]').length > n, entries);
  const applied = await page.locator('[data-testid="terminal-entry"]').last().innerText();
  assert.match(applied, /^controlplane \$ kubectl apply -f pod\.yaml\npod\/demo created/);
  // The pod shows up on node01 and turns Running as the clock runs.
  await page.waitForSelector(`[data-testid="node"][data-name="node01"] ${chip('demo')}`);
  await page.waitForSelector(`${chip('demo')}[data-status="Running"]`, { timeout: 20000 });
  // The file is on the node; :q closes the editor and the terminal has the keyboard again.
  await page.focus('[data-testid="editor-text"]');
  await page.keyboard.type(':q');
  await page.keyboard.press('Enter');
  await editor.waitFor({ state: 'detached' });
  assert.match(await runLine(page, 'cat pod.yaml'), /kind: Pod\nmetadata:\n  name: demo/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the editor: Tab inserts two spaces, Enter keeps the indentation, Ctrl+S saves, dd and p', async () => {
  const { page, errors } = await openPage();
  await runLine(page, 'vim notes.yaml');
  await page.waitForSelector('[data-testid="editor"]');
  await page.focus('[data-testid="editor-text"]');
  await page.keyboard.press('o');
  await page.keyboard.type('spec:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('replicas: 2');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('x: 1');
  await page.keyboard.press('Escape');
  const text = () => page.locator('[data-testid="editor-text"]').inputValue();
  assert.equal(await text(), '\nspec:\n  replicas: 2\n    x: 1');
  assert.ok(await page.locator('[data-testid="editor-error"]').count() >= 1, 'bad indentation is marked');
  await page.keyboard.type('dd');
  assert.equal(await text(), '\nspec:\n  replicas: 2');
  await page.keyboard.type('ggp');
  assert.equal(await text(), '\n    x: 1\nspec:\n  replicas: 2');
  await page.keyboard.type('ggdd');
  await page.keyboard.press('Control+s');
  await page.waitForFunction(() => /written/.test(document.querySelector('[data-testid="editor-message"]')?.textContent || ''));
  await page.keyboard.type(':q');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="editor"]', { state: 'detached' });
  assert.match(await runLine(page, 'cat notes.yaml'), /\n    x: 1\nspec:\n  replicas: 2\n/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a manifest saved into /etc/kubernetes/manifests becomes a static pod', async () => {
  const { page, errors } = await openPage();
  await runLine(page, 'vi /etc/kubernetes/manifests/static-web.yaml');
  await page.waitForSelector('[data-testid="editor"]');
  await page.focus('[data-testid="editor-text"]');
  await page.keyboard.press('i');
  await page.keyboard.insertText(POD.replace('name: demo', 'name: static-web'));
  await page.keyboard.press('Escape');
  await page.keyboard.type(':wq');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="editor"]', { state: 'detached' });
  // The kubelet runs it and shows it in the API as a mirror pod, marked static.
  const c = page.locator(`[data-testid="node"][data-name="controlplane"] ${chip('static-web-controlplane')}`);
  await c.waitFor({ timeout: 20000 });
  assert.match(await c.getAttribute('class'), /mirror/);
  assert.match(await c.innerText(), /static/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('file text and pod text stay text in the editor and the pod view', async () => {
  const { page, errors } = await openPage();
  await runLine(page, `echo '<img src=x onerror=alert(1)><script>alert(2)</script>' > x.yaml`);
  await runLine(page, 'vi x.yaml');
  await page.waitForSelector('[data-testid="editor"]');
  const injected = () => page.evaluate(() => document.querySelectorAll('main img, main script, main iframe').length);
  assert.equal(await injected(), 0);
  assert.match(await page.locator('[data-testid="editor-text"]').inputValue(), /<img src=x onerror=alert\(1\)>/);
  await page.keyboard.type(':q');
  await page.keyboard.press('Enter');
  await runLine(page, `kubectl run xss --image=nginx --labels='a=b' --env='X=<img src=x onerror=alert(3)>'`);
  await page.click(chip('xss'));
  await page.waitForSelector('[data-testid="pod-detail-body"]');
  assert.equal(await injected(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('what happened: kubectl, the API server, etcd, controllers, the scheduler and the kubelet', async () => {
  const { page, errors } = await openPage();
  const out = await runLine(page, 'kubectl create deployment web --image=nginx --replicas=2');
  assert.match(out, /deployment\.apps\/web created/);
  const view = page.locator('[data-testid="what-happened"]');
  await view.locator('[data-actor="kubelet"]').first().waitFor({ timeout: 20000 });
  const actors = await view.locator('[data-testid="story-step"]').evaluateAll((els) => els.map((e) => e.dataset.actor));
  for (const a of ['kubectl', 'apiserver', 'etcd', 'controller-manager', 'scheduler', 'kubelet']) {
    assert.ok(actors.includes(a), `${a} in ${actors}`);
  }
  assert.ok(actors.indexOf('kubectl') < actors.indexOf('scheduler'));
  assert.ok(actors.indexOf('scheduler') < actors.indexOf('kubelet'));
  const text = await view.innerText();
  assert.match(text, /picks a node for pod web-[a-z0-9]+-[a-z0-9]+ and binds the pod to it/);
  assert.match(text, /Successfully assigned default\/web-\S+ to node01/);
  // Both pods are drawn on node01 and run.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="node"][data-name="node01"] [data-testid="pod"]')]
    .filter((c) => c.dataset.name.startsWith('web-') && c.dataset.status === 'Running').length === 2, null, { timeout: 20000 });
  // A read changes nothing.
  await runLine(page, 'kubectl get pods');
  await page.waitForFunction(() => /only read/.test(document.querySelector('[data-testid="what-happened"]').textContent));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the cluster view: static pods, the namespace filter, a pod\'s describe', async () => {
  const { page, errors } = await openPage();
  const cp = page.locator('[data-testid="node"][data-name="controlplane"]');
  for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    assert.match(await cp.locator(chip(`${c}-controlplane`)).getAttribute('class'), /mirror/);
  }
  // A pod no node fits waits in its own lane.
  await runLine(page, `printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: pend\\nspec:\\n  nodeSelector:\\n    disk: ssd\\n  containers:\\n  - name: c\\n    image: nginx\\n' > pend.yaml`);
  assert.match(await runLine(page, 'kubectl apply -f pend.yaml'), /pod\/pend created/);
  await page.waitForSelector(`[data-testid="unscheduled"] ${chip('pend')}[data-status="Pending"]`);
  await runLine(page, 'kubectl run solo --image=nginx');
  await page.selectOption('[data-testid="ns-filter"]', 'default');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="pod"]')].every((c) => c.dataset.namespace === 'default'));
  await page.click(chip('solo'));
  const detail = page.locator('[data-testid="pod-detail-body"]');
  await detail.waitFor();
  assert.match(await detail.innerText(), /Name:\s+solo\nNamespace:\s+default/);
  await page.click('[data-testid="pod-detail-close"]');
  await page.selectOption('[data-testid="ns-filter"]', '');
  await page.waitForSelector(chip('etcd-controlplane'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('time: pause stops the cluster clock, a step moves it, play resumes', async () => {
  const { page, errors } = await openPage();
  const secs = () => page.evaluate(() => {
    const [h, m, s] = document.querySelector('[data-testid="cluster-clock"]').textContent.split(':').map(Number);
    return h * 3600 + m * 60 + s;
  });
  const waitSecs = (t) => page.waitForFunction((t) => {
    const [h, m, s] = document.querySelector('[data-testid="cluster-clock"]').textContent.split(':').map(Number);
    return h * 3600 + m * 60 + s === t;
  }, t);
  await page.click('[data-testid="time-pause"]');
  await page.waitForTimeout(300);
  const t0 = await secs();
  await page.waitForTimeout(1600);
  assert.equal(await secs(), t0, 'paused: the clock stands still');
  await page.click('[data-testid="time-step"]');
  await waitSecs(t0 + 1);
  await page.click('[data-testid="time-step-10"]');
  await waitSecs(t0 + 11);
  await page.click('[data-testid="time-play"]');
  await page.selectOption('[data-testid="time-speed"]', '10');
  await page.waitForTimeout(1200);
  assert.ok((await secs()) >= t0 + 11 + 5, '10×: about ten cluster seconds per second');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the terminal: Tab completes, a paste of several lines runs them in order, Ctrl+C', async () => {
  const { page, errors } = await openPage();
  await page.fill('[data-testid="terminal-input"]', 'kubectl get no');
  await page.press('[data-testid="terminal-input"]', 'Tab');
  assert.equal(await page.inputValue('[data-testid="terminal-input"]'), 'kubectl get nodes ');
  await page.fill('[data-testid="terminal-input"]', '');
  const before = await page.locator('[data-testid="terminal-entry"]').count();
  await page.focus('[data-testid="terminal-input"]');
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'echo one\necho two\necho thr');
    const input = document.querySelector('[data-testid="terminal-input"]');
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="terminal-entry"]').length === n + 2, before);
  const texts = await page.locator('[data-testid="terminal-entry"]').allInnerTexts();
  assert.deepEqual(texts.slice(-2), ['controlplane $ echo one\none\n', 'controlplane $ echo two\ntwo\n']);
  assert.equal(await page.inputValue('[data-testid="terminal-input"]'), 'echo thr');
  await page.press('[data-testid="terminal-input"]', 'Control+c');
  await page.waitForFunction(() => /echo thr\^C$/.test([...document.querySelectorAll('[data-testid="terminal-entry"]')].pop().textContent));
  assert.deepEqual(errors, []);
  await page.close();
});

test('New manifest: a Deployment template opens in the editor and applies', async () => {
  const { page, errors } = await openPage();
  await page.click('[data-testid="new-manifest"]');
  await page.click('[data-testid="new-manifest-kind"][data-kind="Deployment"]');
  await page.waitForSelector('[data-testid="editor"]');
  assert.equal(await page.locator('[data-testid="editor-file"]').innerText(), 'deployment.yaml');
  assert.equal(await page.locator('[data-testid="editor-error"]').count(), 0);
  await page.click('[data-testid="editor-apply"]');
  await page.waitForFunction(() => /deployment\.apps\/web created/.test([...document.querySelectorAll('[data-testid="terminal-entry"]')].pop()?.textContent || ''));
  await page.waitForSelector('[data-testid="pod"][data-name^="web-"]');
  assert.deepEqual(errors, []);
  await page.close();
});

test('한국어: the toggle turns the workspace Korean, and back', async () => {
  const { page, errors } = await openPage();
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  assert.match(await page.locator('[data-testid="what-happened"] h2').innerText(), /무슨 일이 있었나/);
  assert.match(await page.locator('[data-testid="cluster-view"] h2').innerText(), /클러스터/);
  assert.match(await page.locator('[data-testid="time-step"]').innerText(), /\+1초/);
  assert.equal(await page.locator('[data-testid="lang-switch"]').innerText(), 'English');
  await runLine(page, 'kubectl run k --image=nginx');
  await page.locator('[data-testid="what-happened"] [data-actor="scheduler"]').first().waitFor({ timeout: 20000 });
  assert.match(await page.locator('[data-testid="what-happened"]').innerText(), /바인딩합니다/);
  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.locator('[data-testid="what-happened"] h2').innerText(), /What happened/);
  assert.deepEqual(errors, []);
  await page.close();
});
