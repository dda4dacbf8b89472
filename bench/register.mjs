// Register benchmarks (issue 16), for bench.mjs: the bytes and requests of a cold landing on the
// register with a combination of filters, and the time from sending the form to the rows painted,
// and from the last byte of its data to the rows painted. Sizes are brotli (quality 11) of the
// files as a host would serve them precompressed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

const br = (buf) => brotliCompressSync(buf, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** The combinations measured: facets with a year; text with an issuer; three facets, a status
 * and the other order; and a number typed without diacritics (taken from the archive). */
function combinations(api) {
  const rows = JSON.parse(readFileSync(join(api, 'documents/index/rows/0.json'), 'utf8'));
  const number = rows[3].number.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();
  return [
    ['type + year', 'loai=quyet-dinh&nam=2024'],
    ['text (4 syllables) + issuer', 'q=chinh+trang+via+he&co-quan=so-xay-dung'],
    ['issuer + field + status, oldest first', 'co-quan=uy-ban-nhan-dan-thanh-pho&linh-vuc=giao-thong-do-thi&tinh-trang=in_force&sap-xep=cu-nhat'],
    ['a number without diacritics', `q=${encodeURIComponent(number)}`],
  ];
}

async function ready(page, url) {
  await page.goto(url);
  await page.locator('html[data-app="on"]').waitFor({ state: 'attached' });
  await page.locator('.search-status').filter({ hasText: /^(Có|Không có)/ }).waitFor();
}

/** A cold landing on `/van-ban?<query>` (a fresh context): the register's requests and bytes. */
async function cold(browser, base, api, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const urls = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/v1/documents/')) urls.push(path.slice('/api/v1/'.length));
  });
  await ready(page, `${base}/van-ban?${query}`);
  const shown = await page.locator('.search-status').textContent();
  await context.close();
  const unique = [...new Set(urls)];
  return {
    requests: unique.length,
    bytes: unique.reduce((s, u) => s + br(readFileSync(join(api, u))), 0),
    shown,
  };
}

/** Form sent → rows painted, and painted − the last response, for each combination (in the app,
 * from a fresh page each time, so nothing it needs is cached but the manifest). */
async function times(browser, base, query) {
  const page = await browser.newPage();
  await ready(page, `${base}/van-ban`);
  const t = await page.evaluate(async (query) => {
    performance.clearResourceTimings();
    const status = document.querySelector('.search-status');
    const form = document.querySelector('.register-form');
    const params = new URLSearchParams(query);
    for (const el of form.elements) if (el.name) el.value = params.get(el.name) ?? '';
    const t0 = performance.now();
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const text = status.textContent ?? '';
        if (new URLSearchParams(location.search).toString() && /^(Có|Không có)/.test(text)) {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now()));
        }
      });
      observer.observe(document.querySelector('main'), { childList: true, characterData: true, subtree: true });
    });
    form.requestSubmit();
    const t1 = await done;
    const ends = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/v1/'))
      .map((e) => e.responseEnd);
    return { total: t1 - t0, afterData: t1 - Math.max(t0, ...ends) };
  }, query);
  await page.close();
  return t;
}

export async function registerBench(browser, base, api) {
  const { docs } = JSON.parse(readFileSync(join(api, 'documents/index.json'), 'utf8'));
  const out = { docs, combos: [] };
  for (const [name, query] of combinations(api)) {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await times(browser, base, query));
    out.combos.push({
      name,
      query,
      cold: await cold(browser, base, api, query),
      total: quantile(runs.map((r) => r.total), 0.5),
      afterData: quantile(runs.map((r) => r.afterData), 0.5),
      afterMax: Math.max(...runs.map((r) => r.afterData)),
    });
  }
  return out;
}

export function printRegister(label, r) {
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(`register, ${label} (${r.docs} documents):`);
  for (const c of r.combos) {
    console.log(`  ${c.name} (${c.query}): cold ${c.cold.requests} requests ${kb(c.cold.bytes)} KB brotli, "${c.cold.shown}"; form → rows painted median ${c.total.toFixed(1)} ms; after the data arrived median ${c.afterData.toFixed(1)} ms, max ${c.afterMax.toFixed(1)} ms (5 runs)`);
  }
}
