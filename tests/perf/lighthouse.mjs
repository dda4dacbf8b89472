// Lighthouse on the release build (dist/) served with compression by tests/e2e/server.mjs: home, a
// category and an article, with the mobile preset and the desktop preset. Writes every score and
// LCP/TBT/CLS to target/lighthouse/report.md (and the full reports as JSON beside it), then fails
// when a threshold is missed.
//   node tests/perf/lighthouse.mjs [--root dist] [--out target/lighthouse] [--max-article-lcp 1200]
// Lighthouse simulates a slow 4G phone (150 ms RTT, 1.6 Mbit/s, 4× CPU slowdown) for mobile, so the
// scores do not depend on this machine's network. Every mobile page, and a desktop page below a
// threshold, is measured several times (mobile five, desktop three) and judged on the median, as
// Lighthouse's docs advise.
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, v, i, a) => (v.startsWith('--') ? [...acc, [v.slice(2), a[i + 1]]] : acc), []),
);
const root = args.root ?? 'dist';
const out = args.out ?? 'target/lighthouse';
const port = Number(args.port ?? 4180);
const base = `http://127.0.0.1:${port}`;

// The newest article of "Thời sự" (the same page the benchmarks visit).
const first = JSON.parse(readFileSync(join(root, 'api/v1/categories/thoi-su/1.json'), 'utf8')).page.items[0];
const PAGES = [
  ['home', '/'],
  ['category', '/thoi-su'],
  ['article', `/${first.category.slug}/${first.slug}`],
];
// Issue 7's thresholds, for mobile; desktop is held to the same bar.
const THRESHOLDS = { performance: 90, accessibility: 100, 'best-practices': 95, seo: 90 };
const PRESETS = { mobile: undefined, desktop: desktopConfig };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const server = spawn('node', ['tests/e2e/server.mjs', '--port', String(port), '--root', root], { stdio: 'ignore' });
process.on('exit', () => server.kill());
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`${base}/index.html`)).ok) break;
  } catch {}
  await sleep(100);
}

// The flags the machine needs (no sandbox as root, nothing reaching out to Google's hosts).
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
  ],
});

async function audit(path, preset) {
  const result = await lighthouse(
    base + path,
    { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: Object.keys(THRESHOLDS) },
    PRESETS[preset],
  );
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`${preset} ${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const score = (k) => Math.round((lhr.categories[k]?.score ?? 0) * 100);
  const num = (k) => lhr.audits[k]?.numericValue ?? NaN;
  const failing = Object.values(lhr.categories)
    .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => lhr.audits[r.id]))
    .filter((a) => a && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
    .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
  return {
    scores: Object.fromEntries(Object.keys(THRESHOLDS).map((k) => [k, score(k)])),
    fcp: num('first-contentful-paint'),
    lcp: num('largest-contentful-paint'),
    tbt: num('total-blocking-time'),
    cls: num('cumulative-layout-shift'),
    failing,
    lhr,
  };
}

// Issue 14: the prerendered article is readable from the HTML alone; its mobile LCP (median of
// five) must be at most 1.2 s. `--max-article-lcp 0` turns the check off (a build from before).
const MAX_ARTICLE_LCP = Number(args['max-article-lcp'] ?? 1200);
const misses = (r) => Object.entries(THRESHOLDS).filter(([k, min]) => r.scores[k] < min).map(([k, min]) => `${k} < ${min}`);
const lcpMiss = (preset, name, r) =>
  preset === 'mobile' && name === 'article' && MAX_ARTICLE_LCP > 0 && r.lcp > MAX_ARTICLE_LCP ? [`LCP ${Math.round(r.lcp)} ms > ${MAX_ARTICLE_LCP} ms`] : [];
const median = (runs, pick) => [...runs].sort((a, b) => pick(a) - pick(b))[Math.floor(runs.length / 2)];

mkdirSync(out, { recursive: true });
const rows = [];
let failed = false;
try {
  for (const preset of Object.keys(PRESETS)) {
    for (const [name, path] of PAGES) {
      // Mobile (4× CPU slowdown) varies most, mainly in TBT (home measured 124–436 ms on one
      // build): always five runs there, the count Lighthouse's variability guide suggests.
      // Desktop: three when the first misses.
      const runs = [await audit(path, preset)];
      const more = preset === 'mobile' ? 4 : misses(runs[0]).length ? 2 : 0;
      for (let i = 0; i < more; i++) runs.push(await audit(path, preset));
      // Each category judged on its own median across the runs.
      const scores = Object.fromEntries(
        Object.keys(THRESHOLDS).map((k) => [k, median(runs, (r) => r.scores[k]).scores[k]]),
      );
      const r = { ...median(runs, (x) => x.lcp), scores };
      writeFileSync(join(out, `${preset}-${name}.json`), JSON.stringify(r.lhr));
      const miss = [...misses(r), ...lcpMiss(preset, name, r)];
      failed ||= miss.length > 0;
      rows.push({ preset, name, path, runs: runs.length, ...r, miss });
      const s = r.scores;
      console.log(
        `${miss.length ? 'FAIL' : 'ok  '} ${preset.padEnd(7)} ${name.padEnd(8)} perf ${s.performance} a11y ${s.accessibility} ` +
          `bp ${s['best-practices']} seo ${s.seo} · FCP ${Math.round(r.fcp)} ms LCP ${Math.round(r.lcp)} ms ` +
          `TBT ${Math.round(r.tbt)} ms CLS ${r.cls.toFixed(3)}` +
          (runs.length > 1 ? ` (median of ${runs.length})` : '') +
          (miss.length ? `\n     missed: ${miss.join(', ')}; audits: ${r.failing.join(', ')}` : ''),
      );
    }
  }
} finally {
  await chrome.kill();
  server.kill();
}

const md = [
  '# Lighthouse report',
  '',
  `Release build \`${root}\` served compressed (brotli, as Chromium asks) by tests/e2e/server.mjs; Lighthouse ${rows[0]?.lhr.lighthouseVersion}, ` +
    `${rows[0]?.lhr.environment?.hostUserAgent?.match(/Chrome\/[0-9.]+/)?.[0] ?? 'Chromium'}. ` +
    `Thresholds: ${Object.entries(THRESHOLDS).map(([k, v]) => `${k} ≥ ${v}`).join(', ')}; mobile article LCP ≤ ${MAX_ARTICLE_LCP} ms.`,
  '',
  '| preset | page | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS | runs |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.preset} | ${r.name} (\`${r.path}\`) | ${r.scores.performance} | ${r.scores.accessibility} | ${r.scores['best-practices']} | ` +
      `${r.scores.seo} | ${Math.round(r.fcp)} | ${Math.round(r.lcp)} | ${Math.round(r.tbt)} | ${r.cls.toFixed(3)} | ${r.runs} |`,
  ),
  '',
];
writeFileSync(join(out, 'report.md'), md.join('\n'));
console.log(`report: ${join(out, 'report.md')}`);
if (failed) {
  console.error('Lighthouse: a threshold was missed');
  process.exit(1);
}
console.log(`lighthouse: ${rows.length} passed`);
