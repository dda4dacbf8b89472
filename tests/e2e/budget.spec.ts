import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

// The size budget of a first visit to an article: everything the browser transfers of HTML, CSS,
// JS and wasm, gzip-compressed as served (tests/e2e/server.mjs), headers included. Content (JSON,
// images) is not the bundle's and is not counted. See README "Performance" for the breakdown.
const BUDGET = JSON.parse(readFileSync('tests/budget.json', 'utf8'));

test('a first visit to an article stays within the size budget', async ({ page }, info) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const kinds = new Map<string, string>();
  const bytes: Record<string, number> = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
  cdp.on('Network.responseReceived', (e) => {
    const mime = e.response.mimeType;
    const kind =
      mime === 'text/html' ? 'html'
      : mime === 'text/css' ? 'css'
      : mime.includes('javascript') ? 'js'
      : mime === 'application/wasm' ? 'wasm'
      : 'other';
    kinds.set(e.requestId, kind);
    // Compression is part of the budget: a bundle file served without it is a failure by itself.
    if (kind !== 'other' && kind !== 'html') expect(e.response.headers['content-encoding'], e.response.url).toBe('gzip');
  });
  cdp.on('Network.loadingFinished', (e) => {
    const kind = kinds.get(e.requestId) ?? 'other';
    bytes[kind] += e.encodedDataLength;
  });

  const article = JSON.parse(readFileSync('public/api/v1/categories/thoi-su/1.json', 'utf8')).page.items[0];
  await page.goto(`/${article.category.slug}/${article.slug}`);
  await expect(page.locator('main h1')).toHaveText(article.title);
  await page.waitForLoadState('networkidle');

  const total = bytes.html + bytes.css + bytes.js + bytes.wasm;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const report =
    `first visit (gzip): html ${kb(bytes.html)}, css ${kb(bytes.css)}, js ${kb(bytes.js)}, wasm ${kb(bytes.wasm)}` +
    ` = ${kb(total)} (limit ${kb(BUDGET.limit_bytes)}, goal ${kb(BUDGET.goal_bytes)}); content not counted: ${kb(bytes.other)}`;
  console.log(report);
  await info.attach('budget', { body: report, contentType: 'text/plain' });
  expect(bytes.wasm, 'the wasm was transferred').toBeGreaterThan(10_000);
  expect(total, report).toBeLessThanOrEqual(BUDGET.limit_bytes);
});
