// The terminal as fingers expect it: history on ↑/↓, Tab completing a pod's name, Ctrl+R,
// readline's keys, a pasted here-document applying a Deployment, and Ctrl+C stopping a
// `kubectl get pods -w` that otherwise runs on as the cluster changes.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openPage, runLine, useBrowser } = require('./lib.cjs');

const env = useBrowser();
const INPUT = '[data-testid="terminal-input"]';

async function paste(page, text) {
  await page.focus(INPUT);
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.querySelector('[data-testid="terminal-input"]')
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

const lastEntry = (page) => page.locator('[data-testid="terminal-entry"]').last().innerText();

test('history on ↑ and ↓, and Ctrl+R finds an older line', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/');
  await runLine(page, 'echo first');
  await runLine(page, 'kubectl get nodes');
  await runLine(page, 'echo third');
  await page.press(INPUT, 'ArrowUp');
  assert.equal(await page.inputValue(INPUT), 'echo third');
  await page.press(INPUT, 'ArrowUp');
  assert.equal(await page.inputValue(INPUT), 'kubectl get nodes');
  await page.press(INPUT, 'ArrowDown');
  assert.equal(await page.inputValue(INPUT), 'echo third');
  await page.press(INPUT, 'ArrowDown');
  assert.equal(await page.inputValue(INPUT), '');

  await page.press(INPUT, 'Control+r');
  assert.equal(await page.locator('[data-testid="terminal-prompt"]').innerText(), "(reverse-i-search)`': ");
  await page.keyboard.type('echo');
  assert.equal(await page.inputValue(INPUT), 'echo third');
  await page.press(INPUT, 'Control+r');
  assert.equal(await page.inputValue(INPUT), 'echo first');
  assert.equal(await page.locator('[data-testid="terminal-prompt"]').innerText(), "(reverse-i-search)`echo': ");
  await page.keyboard.type('zz');
  assert.match(await page.locator('[data-testid="terminal-prompt"]').innerText(), /^\(failed reverse-i-search\)`echozz': $/);
  await page.press(INPUT, 'Backspace');
  await page.press(INPUT, 'Backspace');
  await page.press(INPUT, 'Enter');
  assert.equal(await lastEntry(page), 'controlplane $ echo third\nthird\n');
  assert.equal(await page.locator('[data-testid="terminal-prompt"]').innerText(), 'controlplane $ ');
  // Ctrl+G gives the typed line back.
  await page.fill(INPUT, 'half typed');
  await page.press(INPUT, 'Control+r');
  await page.keyboard.type('nodes');
  assert.equal(await page.inputValue(INPUT), 'kubectl get nodes');
  await page.press(INPUT, 'Control+g');
  assert.equal(await page.inputValue(INPUT), 'half typed');
  assert.deepEqual(errors, []);
  await page.close();
});

test("readline's keys: Ctrl+A, Ctrl+E, Ctrl+U, Ctrl+K, Alt+B, Alt+F", async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/');
  await page.fill(INPUT, 'kubectl get pods -n kube-system');
  await page.press(INPUT, 'Control+a');
  await page.keyboard.type('# ');
  assert.equal(await page.inputValue(INPUT), '# kubectl get pods -n kube-system');
  await page.press(INPUT, 'Control+e');
  await page.press(INPUT, 'Alt+b');
  await page.press(INPUT, 'Alt+b');
  await page.press(INPUT, 'Control+k');
  assert.equal(await page.inputValue(INPUT), '# kubectl get pods -n ');
  await page.press(INPUT, 'Alt+b');
  await page.press(INPUT, 'Alt+f');
  await page.keyboard.type('!');
  assert.equal(await page.inputValue(INPUT), '# kubectl get pods -n! ');
  await page.press(INPUT, 'Control+u');
  assert.equal(await page.inputValue(INPUT), ' ');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Tab completes a pod name in the right namespace', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/');
  await runLine(page, 'kubectl create namespace shop');
  await runLine(page, 'kubectl run checkout-7 --image=nginx -n shop');
  await page.fill(INPUT, 'kubectl describe pod -n shop chec');
  await page.press(INPUT, 'Tab');
  assert.equal(await page.inputValue(INPUT), 'kubectl describe pod -n shop checkout-7 ');
  await page.fill(INPUT, 'kubectl logs -n kube-system etcd');
  await page.press(INPUT, 'Tab');
  assert.equal(await page.inputValue(INPUT), 'kubectl logs -n kube-system etcd-controlplane ');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a pasted here-document applies a Deployment', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/');
  const before = await page.locator('[data-testid="terminal-entry"]').count();
  await paste(page, [
    'cat <<EOF | kubectl apply -f -',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: pasted',
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    '      app: pasted',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: pasted',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        image: nginx',
    'EOF',
    '',
  ].join('\n'));
  await page.waitForFunction((n) => /deployment\.apps\/pasted created/.test(document.querySelector('[data-testid="terminal-output"]').innerText)
    && document.querySelectorAll('[data-testid="terminal-entry"]').length > n, before);
  const text = await page.locator('[data-testid="terminal-output"]').innerText();
  assert.match(text, /controlplane \$ cat <<EOF \| kubectl apply -f -\n> apiVersion: apps\/v1\n> kind: Deployment\n/);
  assert.match(text, /> EOF\ndeployment\.apps\/pasted created/);
  assert.match(await runLine(page, 'kubectl get deploy pasted'), /pasted\s+\d\/2/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('kubectl get pods -w shows each change as it happens, until Ctrl+C', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/');
  await runLine(page, 'kubectl run watched --image=nginx');
  await page.fill(INPUT, 'kubectl get pods -w');
  await page.press(INPUT, 'Enter');
  // The table at once; the prompt is gone while it watches.
  await page.waitForFunction(() => /watched\s+0\/1\s+ContainerCreating/.test(document.querySelector('[data-testid="terminal-output"]').innerText));
  assert.equal(await page.locator('[data-testid="terminal-prompt"]').innerText(), '');
  // The clock runs on; the kubelet starts the container; a row says so.
  await page.waitForFunction(() => /watched\s+1\/1\s+Running/.test(document.querySelector('[data-testid="terminal-output"]').innerText), null, { timeout: 20000 });
  // Typing does nothing; Ctrl+C stops it and the prompt is back.
  await page.press(INPUT, 'Control+c');
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-prompt"]').innerText === 'controlplane $ ');
  const entry = await lastEntry(page);
  assert.match(entry, /^controlplane \$ kubectl get pods -w\nNAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nwatched\s+0\/1\s+ContainerCreating\s+0\s+\d+s\nwatched\s+1\/1\s+Running\s+0\s+\d+s\n\^C\n$/);
  // Changes after Ctrl+C are not printed.
  await runLine(page, 'kubectl delete pod watched --wait=false');
  await page.waitForTimeout(600);
  assert.doesNotMatch(await page.locator('[data-testid="terminal-entry"]').nth(-2).innerText(), /Terminating/);
  assert.match(await runLine(page, 'echo $?'), /\n0\n/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('watch redraws its screen as the cluster changes; Ctrl+C leaves nothing of it', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/');
  await runLine(page, 'kubectl run watched --image=nginx');
  await page.fill(INPUT, 'watch -n 1 kubectl get pods');
  await page.press(INPUT, 'Enter');
  await page.waitForFunction(() => /^Every 1\.0s: kubectl get pods +controlplane: .+\n\nNAME/m.test(document.querySelector('[data-testid="terminal-output"]').innerText));
  await page.waitForFunction(() => /watched\s+1\/1\s+Running/.test(document.querySelector('[data-testid="terminal-output"]').innerText), null, { timeout: 20000 });
  // One screen at a time, never two.
  assert.equal((await page.locator('[data-testid="terminal-output"]').innerText()).match(/Every 1\.0s/g).length, 1);
  await page.press(INPUT, 'Control+c');
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-prompt"]').innerText === 'controlplane $ ');
  assert.equal((await lastEntry(page)).trimEnd(), 'controlplane $ watch -n 1 kubectl get pods');
  assert.deepEqual(errors, []);
  await page.close();
});
