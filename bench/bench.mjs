// Benchmarks, printed side by side for one or more builds (not timed tests):
//   node bench/bench.mjs --build label=dist[@api] [--build label2=other/dist[@api]] [--synthetic target/synthetic/api/v1]
// (`@api`: that build's own synthetic archive, when the index's format changed between them)
// For each build: bundle breakdown (raw and gzip), the transfer of a first visit to an article,
// client navigation click → new h1 (median and p95 over 50; by `link.click()` and with the mouse), JS heap after 10 and after 500
// navigations; a repeat visit with a cold HTTP cache with and without the service worker
// (bench/repeat.mjs); with --synthetic, cold loads of a category, its page 500 and an article against the
// sample content and against the synthetic archive, and search (bench/search.mjs) and the
// register (bench/register.mjs) on both.
import { chromium } from '@playwright/test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { printRegister, registerBench } from './register.mjs';
import { printRepeat, repeatBench, SLOW_4G } from './repeat.mjs';
import { printSearch, searchBench } from './search.mjs';
import { serve } from './serve.mjs';
import { printTasks, tasksBench } from './tasks.mjs';

const argv = process.argv.slice(2);
const builds = [];
let syntheticAll = null;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--build') {
    // label=dist, or label=dist@api: a synthetic archive of the build's own format.
    const [label, rest] = argv[++i].split('=');
    const [dir, api] = rest.split('@');
    builds.push({ label, dir, synthetic: api });
  } else if (argv[i] === '--synthetic') syntheticAll = argv[++i];
}
if (!builds.length) builds.push({ label: 'current', dir: 'dist' });

function bundle(dir) {
  const rows = {};
  // Since issue 24 the other apps keep their files in folders of their own (App::assets).
  const files = readdirSync(dir).map((f) => [f, join(dir, f), '']);
  for (const sub of ['lookup', 'participation', 'snippet-builder', 'widget']) {
    if (existsSync(join(dir, sub))) files.push(...readdirSync(join(dir, sub)).map((f) => [f, join(dir, sub, f), sub]));
  }
  for (const [f, path, sub] of files) {
    const ext = f.split('.').pop();
    if (!['wasm', 'js', 'css', 'html'].includes(ext) || !statSync(path).isFile()) continue;
    // Per app: the portal (index.html, portal-*) apart from the snippet builder
    // (snippet-builder.html, snippet-builder-*, widgets-*), the look-up app (lookup.html,
    // lookup-*) and the widget page (tin.html, widget-*). Builds before issue 24 named the first
    // two nhung and tim-kiem: both names are read, so a baseline compares.
    const builder = /^(nhung|snippet-builder)[-.]/.test(f) && f !== 'nhung.js';
    // (The participation app's folder also holds a copy of the look-up app's stylesheet.)
    const app = builder || f.startsWith('widgets-') ? 'snippet builder '
      : sub === 'participation' || /^participation[-.]/.test(f) ? 'participation '
      : /^(tim-kiem|lookup)[-.]/.test(f) ? 'look-up '
      : f === 'tin.html' || f.startsWith('widget-') ? 'widget page ' : '';
    const key = f === 'nhung.js' ? 'widgets loader' : app + ext;
    rows[key] = rows[key] ?? { raw: 0, gzip: 0, br: 0 };
    add(rows[key], path);
  }
  // Both apps load these.
  for (const f of ['prefs.js', 'boot.js']) add(rows.js, join(dir, 'assets', f));
  return rows;
}

// Compressed sizes as served: the build's precompressed .gz and .br if it has them, else gzip -9 and
// brotli 11 (what scripts/precompress.sh would write).
function add(row, path) {
  const buf = readFileSync(path);
  row.raw += buf.length;
  row.gzip += existsSync(path + '.gz') ? statSync(path + '.gz').size : gzipSync(buf, { level: 9 }).length;
  row.br += existsSync(path + '.br')
    ? statSync(path + '.br').size
    : brotliCompressSync(buf, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_LGWIN]: 24 } }).length;
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function firstVisit(browser, base, path) {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // Bundle (HTML, CSS, JS, wasm: the size budget) apart from content (JSON, images).
  const bundleTypes = /^(text\/html|text\/css|text\/javascript|application\/javascript|application\/wasm)$/;
  const isBundle = new Map();
  let bytes = 0;
  let bundleBytes = 0;
  cdp.on('Network.responseReceived', (e) => isBundle.set(e.requestId, bundleTypes.test(e.response.mimeType)));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    if (isBundle.get(e.requestId)) bundleBytes += e.encodedDataLength;
  });
  const t0 = Date.now();
  await page.goto(base + path);
  await page.locator('main h1').waitFor();
  const ms = Date.now() - t0;
  await page.waitForLoadState('networkidle');
  await page.close();
  return { bytes, bundleBytes, ms };
}

/** A new page on home, once the app has taken it over. */
async function home(browser, base) {
  const page = await browser.newPage();
  await page.goto(base + '/');
  await page.locator('.latest .card').first().waitFor();
  // A prerendered page reads before the app runs: a click then would be a page load.
  await page.locator('html[data-app="on"], html:not(:has(.prerendered))').first().waitFor({ state: 'attached' });
  return page;
}

async function navigations(browser, base) {
  const page = await home(browser, base);
  const cdp = await page.context().newCDPSession(page);
  const menu = page.getByRole('navigation', { name: 'Danh mục chính' });
  const names = ['Tin tức – Sự kiện', 'Chỉ đạo – Điều hành', 'Quy hoạch – Kế hoạch', 'Văn bản pháp luật', 'Thông tin điện tử', 'Dịch vụ công'];
  const times = [];
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  let heap10 = 0;
  for (let i = 0; i < 500; i++) {
    const name = names[i % names.length];
    const ms = await page.evaluate(async (expected) => {
      const link = [...document.querySelectorAll('.main-nav .menu-item > a')].find((a) => a.textContent === expected);
      const t0 = performance.now();
      link.click();
      while (document.querySelector('main h1')?.textContent !== expected) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t0;
    }, name);
    if (i < 50) times.push(ms);
    if (i === 9) heap10 = await heap();
  }
  const heap500 = await heap();
  await page.close();
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), heap10, heap500, ...(await pointerNavigations(browser, base, names)) };
}

// The same 50 menu clicks with the mouse, as a reader makes them: the pointer moves over the link
// and presses it (Playwright's click, with no pause between), so the page sees pointerover and
// pointerdown first, on which it fetches the document ahead (src/nav/ahead.rs). Timed from the
// click event to the new h1. `link.click()` above has no pointer events: the worst case.
async function pointerNavigations(browser, base, names) {
  const page = await home(browser, base);
  await page.evaluate(() => document.addEventListener('click', (e) => (window.clicked = e.timeStamp), true));
  const times = [];
  for (let i = 0; i < 50; i++) {
    const name = names[i % names.length];
    // A narrow window folds the menu: open it as a reader would.
    const toggle = page.getByRole('button', { name: 'Danh mục' });
    if (await toggle.isVisible()) await toggle.click();
    // The new h1 is watched for from before the click: a watch started after Playwright's click
    // returns would time its round trip (20–40 ms here), not the page's.
    await page.evaluate((expected) => {
      window.arrived = undefined;
      const check = () => (document.querySelector('main h1')?.textContent === expected ? (window.arrived = performance.now()) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    }, name);
    await page.locator('.main-nav .menu-item > a', { hasText: name }).first().click();
    await page.waitForFunction(() => window.arrived !== undefined);
    times.push(await page.evaluate(() => window.arrived - window.clicked));
  }
  await page.close();
  return { pointerMedian: quantile(times, 0.5), pointerP95: quantile(times, 0.95) };
}

const kb = (n) => (n / 1024).toFixed(1);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const sampleArticle = JSON.parse(readFileSync('public/api/v1/categories/thoi-su/index.json', 'utf8')).page.items[0];
const articlePath = `/${sampleArticle.category.slug}/${sampleArticle.slug}`;
const results = [];
for (const b of builds) {
  const server = await serve(b.dir);
  const r = { label: b.label, bundle: bundle(b.dir) };
  // Timing of a single load is noisy: the median of five.
  const visits = [];
  for (let i = 0; i < 5; i++) visits.push(await firstVisit(browser, server.url, articlePath));
  r.visit = { ...visits[0], ms: quantile(visits.map((v) => v.ms), 0.5) };
  r.nav = await navigations(browser, server.url);
  // The main thread at 4× CPU: longest task and blocking time per page kind (issue 25).
  r.tasks = await tasksBench(browser, server.url, b.dir);
  server.stop();
  // A repeat visit with a cold HTTP cache, with and without the service worker (issue 26).
  const slow = await serve(b.dir, undefined, SLOW_4G);
  r.repeat = await repeatBench(browser, slow.url);
  slow.stop();
  const synthetic = b.synthetic ?? syntheticAll;
  if (synthetic) {
    const synthCat = JSON.parse(readFileSync(join(synthetic, 'categories/thoi-su/index.json'), 'utf8'));
    const synthArticle = synthCat.page.items[0];
    const sample = await serve(b.dir);
    const big = await serve(b.dir, synthetic);
    // Median of three cold loads.
    const load = async (srv, path) => {
      const ms = [];
      for (let i = 0; i < 3; i++) ms.push((await firstVisit(browser, srv.url, path)).ms);
      return quantile(ms, 0.5);
    };
    r.scale = {
      sample: { category: await load(sample, '/thoi-su'), article: await load(sample, articlePath) },
      synthetic: {
        category: await load(big, '/thoi-su'),
        page500: await load(big, '/thoi-su?trang=500'),
        article: await load(big, `/${synthArticle.category.slug}/${synthArticle.slug}`),
        // The numbered pages: the newest is the front page's older one.
        pages: synthCat.page.older ?? 0,
      },
    };
    // (A baseline from before issue 15 has no search app.)
    if (existsSync(join(b.dir, 'tim-kiem.html')) || existsSync(join(b.dir, 'lookup.html'))) r.search = {
      sample: await searchBench(browser, sample.url, 'public/api/v1'),
      synthetic: await searchBench(browser, big.url, synthetic),
    };
    // (A baseline from before issue 16 has no register.)
    if (existsSync(join(b.dir, 'van-ban'))) r.register = {
      sample: await registerBench(browser, sample.url, 'public/api/v1'),
      synthetic: await registerBench(browser, big.url, synthetic),
    };
    sample.stop();
    big.stop();
  }
  results.push(r);
}
await browser.close();

for (const r of results) {
  console.log(`\n== ${r.label}`);
  for (const [k, v] of Object.entries(r.bundle)) console.log(`bundle ${k.padEnd(14)} raw ${kb(v.raw).padStart(7)} KB  gzip ${kb(v.gzip).padStart(7)} KB  brotli ${kb(v.br).padStart(7)} KB`);
  console.log(`first visit to an article: ${kb(r.visit.bundleBytes)} KB of HTML+CSS+JS+wasm, ${kb(r.visit.bytes)} KB in all with content, h1 after ${r.visit.ms} ms (median of 5)`);
  console.log(`navigation click → new h1 (50): median ${r.nav.median.toFixed(1)} ms, p95 ${r.nav.p95.toFixed(1)} ms; with the mouse (hover, press): median ${r.nav.pointerMedian.toFixed(1)} ms, p95 ${r.nav.pointerP95.toFixed(1)} ms`);
  printTasks(r.tasks, process.env.BENCH_DETAIL === '1');
  printRepeat(r.repeat);
  console.log(`JS heap: after 10 navigations ${kb(r.nav.heap10)} KB, after 500 ${kb(r.nav.heap500)} KB (×${(r.nav.heap500 / r.nav.heap10).toFixed(2)})`);
  if (r.scale) {
    console.log(`cold load, sample: category ${r.scale.sample.category} ms, article ${r.scale.sample.article} ms`);
    console.log(`cold load, synthetic (${r.scale.synthetic.pages} pages in thoi-su): category ${r.scale.synthetic.category} ms, page 500 ${r.scale.synthetic.page500} ms, article ${r.scale.synthetic.article} ms`);
    if (r.search) printSearch('sample', r.search.sample);
    if (r.search) printSearch('synthetic', r.search.synthetic);
    if (r.register) printRegister('sample', r.register.sample);
    if (r.register) printRegister('synthetic', r.register.synthetic);
  }
}
if (results.length > 1) {
  const [a, b] = results;
  console.log(`\nmain thread, 4× CPU, median of 3: longest task / longest running our code / total blocking time (ms)`);
  console.log(`| page kind | ${a.label} | ${b.label} |\n|---|---:|---:|`);
  for (const [i, row] of b.tasks.entries()) {
    const before = a.tasks.find((t) => t.name === row.name) ?? a.tasks[i];
    const cell = (t) => (t ? `${t.longest.toFixed(0)} / ${(t.ours ?? 0).toFixed(0)} / ${t.blocking.toFixed(0)}` : '–');
    console.log(`| ${row.name} | ${cell(before)} | ${cell(row)} |`);
  }
  console.log(`| click → new h1, median / p95 of 50 | ${a.nav.median.toFixed(1)} / ${a.nav.p95.toFixed(1)} | ${b.nav.median.toFixed(1)} / ${b.nav.p95.toFixed(1)} |`);
  console.log(`| the same clicks with the mouse (hover, press) | ${a.nav.pointerMedian.toFixed(1)} / ${a.nav.pointerP95.toFixed(1)} | ${b.nav.pointerMedian.toFixed(1)} / ${b.nav.pointerP95.toFixed(1)} |`);
  console.log(`\n${b.label} / ${a.label}: portal wasm gzip ×${(b.bundle.wasm.gzip / a.bundle.wasm.gzip).toFixed(3)}, brotli ×${(b.bundle.wasm.br / a.bundle.wasm.br).toFixed(3)}, first visit bundle ×${(b.visit.bundleBytes / a.visit.bundleBytes).toFixed(3)}, nav median ×${(b.nav.median / a.nav.median).toFixed(3)}`);
}
