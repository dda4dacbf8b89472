import { test, expect, type Page } from './fixtures';
import { readFileSync } from 'node:fs';

// The size budget of a first visit to an article: everything the browser transfers of HTML, CSS,
// JS and wasm, brotli-compressed as served (tests/e2e/server.mjs sends the build's precompressed
// .br), headers included. The same visit by a browser that accepts only gzip is measured and
// printed beside it. Content (JSON, images) is not the bundle's and is not counted. See README
// "Performance" for the breakdown.
const BUDGET = JSON.parse(readFileSync('tests/budget.json', 'utf8'));

type Bytes = Record<'html' | 'css' | 'js' | 'wasm' | 'other', number>;

/** One first visit to an article; `encoding` is what the bundle files must be served with. */
async function visit(page: Page, encoding: 'br' | 'gzip'): Promise<Bytes> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (encoding === 'gzip') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'gzip' } });
  const kinds = new Map<string, keyof Bytes>();
  const bytes: Bytes = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
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
    if (kind !== 'other' && kind !== 'html') expect(e.response.headers['content-encoding'], e.response.url).toBe(encoding);
  });
  cdp.on('Network.loadingFinished', (e) => {
    bytes[kinds.get(e.requestId) ?? 'other'] += e.encodedDataLength;
  });
  const article = JSON.parse(readFileSync('public/api/v1/categories/thoi-su/index.json', 'utf8')).page.items[0];
  await page.goto(`/${article.category.slug}/${article.slug}`);
  await expect(page.locator('main h1')).toHaveText(article.title);
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return bytes;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const total = (b: Bytes) => b.html + b.css + b.js + b.wasm;
const line = (b: Bytes) => `html ${kb(b.html)}, css ${kb(b.css)}, js ${kb(b.js)}, wasm ${kb(b.wasm)} = ${kb(total(b))}`;

test('a first visit to an article stays within the size budget', async ({ browser }, info) => {
  const br = await visit(await browser.newPage(), 'br');
  const gzip = await visit(await browser.newPage(), 'gzip');
  const report =
    `first visit (brotli): ${line(br)} (limit ${kb(BUDGET.limit_bytes)}, goal ${kb(BUDGET.goal_bytes)}); content not counted: ${kb(br.other)}\n` +
    `first visit (gzip):   ${line(gzip)}`;
  console.log(report);
  await info.attach('budget', { body: report, contentType: 'text/plain' });
  expect(br.wasm, 'the wasm was transferred').toBeGreaterThan(10_000);
  expect(gzip.wasm, 'brotli is smaller than gzip').toBeGreaterThan(br.wasm);
  expect(total(br), report).toBeLessThanOrEqual(BUDGET.limit_bytes);
});
