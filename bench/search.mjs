// Search benchmarks (issue 15), for bench.mjs: the index's size and files, the bytes and requests
// of a cold query of 2 and of 4 syllables, and the time from submit to results painted over 50
// queries. Sizes are brotli (quality 11) of the files as a host would serve them precompressed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

const br = (buf) => brotliCompressSync(buf, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

// A fixed list: 1 to 4 syllables, with and without diacritics, words of the sample (and so of
// the synthetic archive, whose bodies are the sample's sentences).
export const QUERIES = readFileSync(new URL('./queries.txt', import.meta.url), 'utf8').split('\n').map((q) => q.trim()).filter(Boolean);

/** Files and bytes of the index; the shards' brotli sizes from a fixed sample of at most 600. */
export function indexSize(api) {
  const dir = join(api, 'search');
  const shards = readdirSync(join(dir, 'terms')).sort((a, b) => parseInt(a) - parseInt(b));
  const records = readdirSync(join(dir, 'docs')).length;
  let raw = statSync(join(dir, 'index.json')).size;
  for (const f of shards) raw += statSync(join(dir, 'terms', f)).size;
  const step = Math.max(1, Math.floor(shards.length / 600));
  const sampled = shards.filter((_, i) => i % step === 0).map((f) => br(readFileSync(join(dir, 'terms', f))));
  const recordSample = readdirSync(join(dir, 'docs')).slice(0, 200).map((f) => br(readFileSync(join(dir, 'docs', f))));
  return {
    files: 1 + shards.length + records,
    shards: shards.length,
    records,
    termsRawMB: raw / 1e6,
    shardsBrMB: ((sampled.reduce((a, b) => a + b, 0) / sampled.length) * shards.length) / 1e6,
    shardP50: quantile(sampled, 0.5),
    shardP95: quantile(sampled, 0.95),
    shardMax: Math.max(...sampled),
    sampled: sampled.length,
    recordMedian: quantile(recordSample, 0.5),
    manifest: br(readFileSync(join(dir, 'index.json'))),
  };
}

async function ready(page, url) {
  await page.goto(url);
  await page.locator('html[data-app="on"]').waitFor({ state: 'attached' });
}

/** One cold query (a fresh context: nothing cached): requests and brotli bytes, by kind. */
export async function coldQuery(browser, base, api, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await ready(page, `${base}/tim-kiem`);
  const urls = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/v1/')) urls.push(path.slice('/api/v1/'.length));
  });
  await page.locator('#search-q').fill(q);
  await page.locator('#search-q').press('Enter');
  await page.locator('.search-status').filter({ hasText: /^(Tìm thấy|Không tìm thấy)/ }).waitFor();
  await context.close();
  const size = (doc) => br(readFileSync(join(api, doc)));
  const index = urls.filter((u) => u === 'search/index.json' || u.startsWith('search/terms/') || u.startsWith('search/tails/'));
  const records = urls.filter((u) => u.startsWith('search/docs/'));
  return {
    indexRequests: index.length,
    indexBytes: index.reduce((s, u) => s + size(u), 0),
    recordRequests: records.length,
    recordBytes: records.reduce((s, u) => s + size(u), 0),
    other: urls.filter((u) => !index.includes(u) && !records.includes(u)),
  };
}

/** Submit → results painted, and painted − last response of the query, over `QUERIES`. */
export async function queryTimes(browser, base) {
  const page = await browser.newPage();
  await ready(page, `${base}/tim-kiem`);
  const total = [];
  const afterData = [];
  for (const q of QUERIES) {
    const t = await page.evaluate(async (q) => {
      const input = document.querySelector('#search-q');
      const status = document.querySelector('.search-status');
      // The browser keeps 250 resource timings by default: cleared per query, or they stop.
      performance.clearResourceTimings();
      input.value = q;
      const t0 = performance.now();
      const done = new Promise((resolve) => {
        const check = () => {
          const text = status.textContent ?? '';
          if (text.includes(`«${q}»`) && /^(Tìm thấy|Không tìm thấy)/.test(text)) {
            observer.disconnect();
            // The frame that shows it.
            requestAnimationFrame(() => resolve(performance.now()));
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(status, { childList: true, characterData: true, subtree: true });
      });
      input.form.requestSubmit();
      const t1 = await done;
      const ends = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/v1/'))
        .map((e) => e.responseEnd);
      return { total: t1 - t0, afterData: t1 - Math.max(t0, ...ends) };
    }, q);
    total.push(t.total);
    afterData.push(t.afterData);
    if (process.env.SEARCH_BENCH_VERBOSE) console.log(q, t.total.toFixed(1), t.afterData.toFixed(1));
  }
  await page.close();
  return {
    median: quantile(total, 0.5),
    p95: quantile(total, 0.95),
    afterMedian: quantile(afterData, 0.5),
    afterP95: quantile(afterData, 0.95),
  };
}

export async function searchBench(browser, base, api) {
  return {
    size: indexSize(api),
    two: await coldQuery(browser, base, api, 'quy hoach'),
    four: await coldQuery(browser, base, api, 'thu tuc hanh chinh'),
    times: await queryTimes(browser, base),
  };
}

export function printSearch(label, s) {
  const kb = (n) => (n / 1024).toFixed(1);
  const z = s.size;
  console.log(`search index, ${label}: ${z.files} files (manifest, ${z.shards} term shards, ${z.records} records), shards ${z.termsRawMB.toFixed(1)} MB raw, about ${z.shardsBrMB.toFixed(1)} MB brotli; shard brotli p50 ${kb(z.shardP50)} KB, p95 ${kb(z.shardP95)} KB, max ${kb(z.shardMax)} KB (${z.sampled} sampled); record median ${kb(z.recordMedian)} KB; manifest ${kb(z.manifest)} KB`);
  for (const [name, q] of [['2 syllables "quy hoach"', s.two], ['4 syllables "thu tuc hanh chinh"', s.four]]) {
    console.log(`cold query, ${label}, ${name}: index ${q.indexRequests} requests ${kb(q.indexBytes)} KB; results on screen ${q.recordRequests} requests ${kb(q.recordBytes)} KB; in all ${kb(q.indexBytes + q.recordBytes)} KB${q.other.length ? `; also ${q.other.join(', ')}` : ''}`);
  }
  const t = s.times;
  console.log(`search submit → results painted, ${label} (${QUERIES.length} queries): median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms; after the data arrived: median ${t.afterMedian.toFixed(1)} ms, p95 ${t.afterP95.toFixed(1)} ms`);
}
