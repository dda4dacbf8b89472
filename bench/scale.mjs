// The archive at scale (issue 28): every row of the issue's goals for archives of different sizes,
// side by side in one run. Each archive is what `bash scripts/scale.sh <count>` leaves in
// target/scale/<count>/: its content API (api/v1), its prerendered pages (dist) and that script's
// log (scale.log: the synthetic archive's and the full prerender's time and peak memory). Each is
// served as a host would serve it: the build's own files (--dist, scripts/build.sh) with the
// archive's pages and API beside them (tests/e2e/server.mjs --pages/--api).
//   node bench/scale.mjs [--dist dist] target/scale/100000 target/scale/1000000
import { chromium } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { searchBench, printSearch } from './search.mjs';
import { registerBench, printRegister } from './register.mjs';
import { serve } from './serve.mjs';
import { median } from './tasks.mjs';

const argv = process.argv.slice(2);
const distAt = argv.indexOf('--dist');
const dist = distAt >= 0 ? argv[distAt + 1] : 'dist';
const archives = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--dist');
if (!archives.length) {
  console.error('usage: node bench/scale.mjs [--dist dist] <archive dir>… (scripts/scale.sh writes them)');
  process.exit(2);
}
const kb = (n) => (n / 1024).toFixed(1);

/** A cold load (fresh context): the prerendered h1 on screen, and the app's takeover done. */
async function coldLoad(browser, base, path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(base + path);
  await page.locator('main h1').first().waitFor();
  const h1 = Date.now() - t0;
  await page.locator('html[data-app="on"]').waitFor({ state: 'attached', timeout: 30_000 });
  const app = Date.now() - t0;
  const title = (await page.locator('main h1').first().textContent())?.trim();
  await context.close();
  return { h1, app, title };
}

/** Cold loads in the browser (each a fresh context, nothing cached), median of five, after one
 * untimed load: that one reads the page and its API documents from the host's disk, which at
 * 1,000,000 articles (31 GB of pages) the page cache cannot hold, and which measured the host, not
 * the archive (runs of three disagreed by more than 10 % either way, 2026-12-07). */
async function loads(browser, base, path) {
  await coldLoad(browser, base, path);
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await coldLoad(browser, base, path));
  return { path, h1: median(runs.map((r) => r.h1)), app: median(runs.map((r) => r.app)), title: runs[0].title };
}

/** scripts/scale.sh's figures, from its log. */
function scaleLog(dir) {
  const path = join(dir, 'scale.log');
  if (!existsSync(path)) return {};
  const log = readFileSync(path, 'utf8');
  // The last of each: a log may hold a run stopped (a full disk) and the same command run again.
  const timed = (re) => {
    const m = [...log.matchAll(new RegExp(re.source, 'g'))].at(-1);
    return m ? { s: Number(m[1]), gb: Number(m[2]) / 1e6 } : null;
  };
  return {
    synth: timed(/whole run: ([\d.]+) s wall, (\d+) KB peak/),
    prerender: timed(/full prerender[^\n]*\n(?:[^\n]*\n)*?\s+([\d.]+) s wall, (\d+) KB peak/),
    publish: timed(/one new article, end to end[^\n]*\n(?:[^\n]*\n)*?\s+([\d.]+) s wall, (\d+) KB peak/),
  };
}

// The archives' pages name the build's hashed files: prerendered by another build, they would load
// none of them (and the app would never take over).
const scriptOf = (html) => (existsSync(html) ? readFileSync(html, 'utf8').match(/portal-[0-9a-f]+\.js/)?.[0] : undefined);
for (const dir of archives) {
  if (!scriptOf(join(dir, 'dist/index.html'))) {
    console.error(`${dir}: no prerendered pages: run scripts/scale.sh with a build in ${dist}`);
    process.exit(1);
  }
  if (scriptOf(join(dir, 'dist/index.html')) !== scriptOf(join(dist, 'index.html'))) {
    console.error(`${dir}: its pages were prerendered with another build than ${dist}: run scripts/scale.sh again`);
    process.exit(1);
  }
}

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
const results = [];
for (const dir of archives) {
  const api = join(dir, 'api/v1');
  // The category with the most articles, its newest article, and its page 20,000 pages from the
  // newest (pages count from the oldest and never move: docs/api.md, "Categories").
  const fronts = readdirSync(join(api, 'categories')).map((slug) => ({
    slug,
    doc: JSON.parse(readFileSync(join(api, 'categories', slug, 'index.json'), 'utf8')),
  }));
  const { slug, doc: front } = fronts.reduce((a, b) => (b.doc.page.total_items > a.doc.page.total_items ? b : a));
  const article = front.page.items[0];
  // The newest numbered page is the front page's older one.
  const pages = front.page.older ?? 0;
  const deep = Math.max(1, pages - 19_999);
  const server = await serve(dist, join(dir, 'api/v1'), undefined, join(dir, 'dist'));
  const r = { label: basename(dir), slug, pages, deep, log: scaleLog(dir) };
  r.category = await loads(browser, server.url, `/${slug}`);
  r.page = await loads(browser, server.url, `/${slug}/trang/${deep}`);
  r.article = await loads(browser, server.url, `/${article.category.slug}/${article.slug}`);
  r.search = await searchBench(browser, server.url, api);
  r.register = await registerBench(browser, server.url, api);
  server.stop();
  results.push(r);
  console.log(`\n== ${r.label} articles (${slug}: ${r.pages} pages)`);
  for (const k of ['category', 'page', 'article']) console.log(`cold load ${k} ${r[k].path}: h1 ${r[k].h1} ms, app took over ${r[k].app} ms ("${r[k].title}")`);
  printSearch(r.label, r.search);
  printRegister(r.label, r.register);
}
await browser.close();

// The issue's table, one column an archive.
const cell = (f) => results.map((r) => f(r) ?? '–');
const row = (name, goal, f) => console.log(`| ${name} | ${goal} | ${cell(f).join(' | ')} |`);
const timed = (t) => (t ? `${(t.s / 60).toFixed(1)} min, ${t.gb.toFixed(2)} GB` : null);
console.log(`\n| at | goal | ${results.map((r) => `${Number(r.label).toLocaleString('en')} articles`).join(' | ')} |`);
console.log(`|---|---|${results.map(() => '---:').join('|')}|`);
const query = (q) => `${kb(q.indexBytes + q.recordBytes)} KB, ${q.indexRequests} index requests`;
row('cold two-syllable query ("quy hoach"), index + first page\'s records', '≤ 150 KB brotli, ≤ 4 index requests', (r) => query(r.search.two));
row('cold four-syllable query ("thu tuc hanh chinh")', '≤ 150 KB brotli', (r) => query(r.search.four));
row('results painted after their data, 50 queries, p95', '≤ 50 ms', (r) => `${r.search.times.afterP95.toFixed(1)} ms`);
row('index shard size, p95 (brotli)', '≤ 32 KB', (r) => `${kb(r.search.size.shardP95)} KB`);
row('publish one article, end to end (`portal-content publish <slug>`, then the prerender\'s --changed)', '≤ 5 s', (r) => (r.log.publish ? `${r.log.publish.s.toFixed(1)} s` : null));
row('full prerender, 2 cores', '≤ 15 min, ≤ 4 GB', (r) => timed(r.log.prerender));
row('synthetic archive with index and register, 2 cores', '≤ 20 min, ≤ 4 GB', (r) => timed(r.log.synth));
const worst = (r) => r.register.combos.reduce((m, c) => (c.cold.bytes > m.cold.bytes ? c : m));
row('register filters: largest cold landing; slowest after data (max of 5)', '≤ 100 KB, ≤ 100 ms', (r) => `${kb(worst(r).cold.bytes)} KB, ${Math.max(...r.register.combos.map((c) => c.afterMax)).toFixed(1)} ms (${r.register.docs} documents)`);
for (const k of ['category', 'page', 'article']) {
  row(`cold load, ${k === 'page' ? 'page 20,000 from the newest (or the oldest)' : k}: h1 / app took over`, 'within 10 % of 100,000', (r) => `${r[k].h1} / ${r[k].app} ms`);
}
