// The page's look: light and dark themes, the terminal's font size (both kept), folding the
// panes, text contrast (WCAG AA) in both themes, output announced to screen readers; with
// screenshots at desktop and phone widths.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const { ROOT, openPage, runLine, useBrowser } = require('./lib.cjs');

const env = useBrowser();
const SHOTS = path.join(ROOT, 'target', 'screenshots');

/** WCAG contrast ratios of some text against what is behind it, in the page as it is. */
function contrasts(page) {
  return page.evaluate(() => {
    const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 4).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const bgOf = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c;
      }
      return [255, 255, 255];
    };
    const out = {};
    for (const [name, sel] of Object.entries({
      brand: '.brand', tagline: '.tagline', button: '[data-testid="lang-switch"]',
      prompt: '[data-testid="terminal-prompt"]', output: '.entry .out',
      'cluster view title': '.cluster-view h2', 'node name': '.node-name',
      'pod name': '.pod-chip .pod-name', 'system pod name': '.pod-chip.system .pod-name',
      'pod status': '.pod-chip .pod-status', 'what happened actor': '.step .actor',
    })) {
      const el = document.querySelector(sel);
      if (!el) continue;
      const a = lum(rgb(getComputedStyle(el).color)); const b = lum(bgOf(el));
      out[name] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }
    return out;
  });
}

test('light and dark, a larger font, folded panes; both themes readable (AA)', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const context = await env.browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
  const { page, errors } = await openPage(context, env.base + '/');
  await runLine(page, 'kubectl run web --image=nginx');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await page.getAttribute('[data-testid="terminal-output"]', 'role'), 'log');
  for (const [name, ratio] of Object.entries(await contrasts(page))) {
    assert.ok(ratio >= 4.5, `dark: ${name} contrast ${ratio.toFixed(2)}`);
  }
  await page.click('[data-testid="theme-toggle"]');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  for (const [name, ratio] of Object.entries(await contrasts(page))) {
    assert.ok(ratio >= 4.5, `light: ${name} contrast ${ratio.toFixed(2)}`);
  }
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.scrollback')).fontSize));
  const before = await size();
  await page.click('[data-testid="font-larger"]');
  await page.click('[data-testid="font-larger"]');
  assert.equal(await size(), before + 2);
  await page.screenshot({ path: path.join(SHOTS, 'light-desktop.png') });
  // Kept across a reload.
  await page.reload();
  await page.waitForSelector('[data-testid="terminal-input"]');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
  assert.equal(await size(), before + 2);
  // Fold the cluster view to its title, and open it again.
  const toggle = page.locator('[data-testid="cluster-view"] [data-testid="pane-toggle"]');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('[data-testid="cluster-view"] [data-testid="node"]').first().isVisible(), false);
  await toggle.click();
  assert.equal(await page.locator('[data-testid="cluster-view"] [data-testid="node"]').first().isVisible(), true);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, 'light-phone.png') });
  await page.click('[data-testid="theme-toggle"]');
  await page.screenshot({ path: path.join(SHOTS, 'dark-phone.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
