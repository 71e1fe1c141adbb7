// Security: the page carries a Content-Security-Policy, and nothing a learner types, or a file
// holds, can inject HTML or script.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { openPage, runLine, useBrowser } = require('./lib.cjs');

const env = useBrowser();

test('the page has a Content-Security-Policy without eval or inline allowances for scripts', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.ok(csp, 'a CSP meta tag');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  assert.deepEqual(errors, [], 'no CSP violations while the app runs');
  await page.close();
});

test('script payloads typed, echoed, stored and printed stay text', async () => {
  const { page, errors } = await openPage(env.browser, env.base + '/');
  const payloads = [
    `echo '<img src=x onerror=alert(1)>'`,
    `echo '<script>alert(2)</script>'`,
    `kubectl run xss --image=nginx --labels='a=<b>bold</b>'`,
    `echo '<svg onload=alert(3)>' > /root/x.html; cat /root/x.html`,
    `kubectl get pods '<iframe src=javascript:alert(4)>'`,
  ];
  for (const p of payloads) {
    await runLine(page, p);
  }
  const injected = await page.evaluate(() => document.querySelectorAll('[data-testid="terminal-output"] img, [data-testid="terminal-output"] script, [data-testid="terminal-output"] svg, [data-testid="terminal-output"] iframe, [data-testid="terminal-output"] b').length);
  assert.equal(injected, 0, 'no element was created from learner text');
  const text = await page.locator('[data-testid="terminal-output"]').innerText();
  assert.ok(text.includes('<img src=x onerror=alert(1)>'), 'the payload is shown as text');
  assert.deepEqual(errors, []);
  await page.close();
});
