// The README's first command, the way a newcomer runs it: `bash scripts/serve.sh` against a cold
// cargo target directory (nothing compiled), until the portal answers; then live reload after a
// change under src/, style/ and public/. Run by scripts/test.sh; alone:
//   node tests/serve/cold-serve.mjs            (cold: deletes and rebuilds target/cold-serve)
//   node tests/serve/cold-serve.mjs --warm     (keeps target/cold-serve from an earlier run)
//
// Why: Trunk 0.21's watcher (notify-debouncer-full 0.5.0) panics on an event without a path, which
// inotify produces for a directory deleted while its events are still queued. A cold build creates
// and deletes thousands of such directories under target/; Trunk.toml's [watch] list keeps inotify
// off target/, and this test keeps it that way.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';

const root = resolve(import.meta.dirname, '../..');
const PORT = Number(process.env.COLD_SERVE_PORT ?? 8097);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const target = resolve(root, 'target/cold-serve');
const warm = process.argv.includes('--warm');
const FIRST_BUILD_LIMIT_MS = 40 * 60_000;
const REBUILD_LIMIT_MS = 5 * 60_000;
const started = Date.now();
const secs = (t0) => ((Date.now() - t0) / 1000).toFixed(0);

// Files this test changes, restored whatever happens.
const touched = new Map();
function change(rel, text) {
  const path = resolve(root, rel);
  if (!touched.has(path)) touched.set(path, existsSync(path) ? readFileSync(path) : null);
  appendFileSync(path, text);
}
function restore() {
  for (const [path, body] of touched) {
    if (body === null) rmSync(path, { force: true });
    else writeFileSync(path, body);
  }
  touched.clear();
}

if (!warm) rmSync(target, { recursive: true, force: true });
let log = '';
const server = spawn('bash', ['scripts/serve.sh', '--port', String(PORT)], {
  cwd: root,
  env: { ...process.env, CARGO_TARGET_DIR: target },
  detached: true, // its own process group: stopping it stops Trunk and cargo too
  stdio: ['ignore', 'pipe', 'pipe'],
});
let exited = null;
server.on('exit', (code, signal) => (exited = { code, signal }));
for (const stream of [server.stdout, server.stderr]) {
  let partial = '';
  stream.on('data', (chunk) => {
    log += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    for (const line of lines) process.stdout.write(`  serve| ${line}\n`);
  });
}
function stop() {
  if (exited === null) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    restore();
    stop();
    process.exit(1);
  });
}

function fail(message) {
  throw new Error(`${message}\n(after ${secs(started)} s; serve log tail:)\n${log.slice(-3000)}`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a truthy value; fails if the server process died meanwhile. */
async function until(what, limitMs, check) {
  const t0 = Date.now();
  for (;;) {
    if (exited !== null) fail(`serve.sh exited (${JSON.stringify(exited)}) while waiting for ${what}`);
    if (/panicked at/.test(log)) fail(`a thread panicked while waiting for ${what}`);
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() - t0 > limitMs) fail(`timed out waiting for ${what}`);
    await sleep(1000);
  }
}

async function appHtml(path) {
  const res = await fetch(ORIGIN + path);
  const body = await res.text();
  // The app's own page: the API meta tag and the start-up script Trunk wrote.
  return res.ok && body.includes('name="portal-api-base"') && /data-wasm="[^"]+\.wasm"/.test(body) ? body : null;
}

/** Inodes of every directory under `dir` (and of `dir`). The other apps' builds are still
 * staging and removing folders under target/ while this walks: one gone on the way is skipped
 * (what is gone is watched by no one). */
function dirInodes(dir, out = new Set()) {
  let entries;
  try {
    out.add(statSync(dir).ino);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return out;
    throw e;
  }
  for (const e of entries) {
    if (e.isDirectory()) dirInodes(resolve(dir, e.name), out);
  }
  return out;
}

/** The inodes Trunk's inotify instance watches, read from /proc (Linux). */
function watchedInodes() {
  const pid = execFileSync('pgrep', ['-f', `trunk serve --port ${PORT}`]).toString().trim().split('\n')[0];
  const watched = new Set();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let link = '';
    try {
      link = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    if (!link.includes('inotify')) continue;
    for (const m of readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8').matchAll(/^inotify wd:\d+ ino:([0-9a-f]+)/gm)) {
      watched.add(parseInt(m[1], 16));
    }
  }
  return watched;
}

const home = JSON.parse(readFileSync(resolve(root, 'public/api/v1/home.json'), 'utf8'));
const article = home.latest[0];
const deep = `/${article.category.slug}/${article.slug}`;
const nonce = `probe-${process.pid}-${Date.now()}`;
let browser;
try {
  await until('the portal at / (first build)', FIRST_BUILD_LIMIT_MS, () => appHtml('/'));
  const firstBuild = secs(started);
  await until(`the app's HTML at the deep link ${deep}`, 10_000, () => appHtml(deep));
  console.log(`cold-serve: first answer after ${firstBuild} s (${warm ? 'warm' : 'cold'} target directory)`);

  // The cause, not only the symptom: inotify watches what a rebuild reads, and nothing under the
  // build's output (a cold build there is the flood that crashed the watcher).
  const watched = watchedInodes();
  const src = dirInodes(resolve(root, 'src'));
  if (![...src].some((ino) => watched.has(ino))) fail(`Trunk does not watch src/ (${watched.size} watches read)`);
  for (const out of [target, resolve(root, 'dist'), resolve(root, 'target')]) {
    const inside = [...dirInodes(out)].filter((ino) => watched.has(ino)).length;
    if (inside) fail(`Trunk watches ${inside} directories under ${out}`);
  }
  console.log(`cold-serve: Trunk watches ${watched.size} paths, none under target/ or dist/`);

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(ORIGIN + deep);
  await page.locator('main h1', { hasText: article.title }).waitFor({ timeout: 60_000 });
  console.log(`cold-serve: the deep link renders the article "${article.title}"`);

  // Every route kind shows what the release build shows, with the same dispatch: the look-up app,
  // the participation app, the snippet builder and the widget page are their own development builds (scripts/serve.sh),
  // reached by page loads, as on a release host (the route table's host map).
  const docNumber = JSON.parse(readFileSync(resolve(root, 'public/api/v1/documents/nd-42-2022-nd-cp.json'), 'utf8')).number;
  const about = JSON.parse(readFileSync(resolve(root, 'public/api/v1/pages/gioi-thieu.json'), 'utf8')).title;
  const enAbout = JSON.parse(readFileSync(resolve(root, 'public/api/v1/en/pages/about.json'), 'utf8')).title;
  const kinds = [
    // [address, the app whose page it is (its files' folder), what shows]
    ['/gioi-thieu', 'lookup', 'main h1', about],
    ['/en/about', 'lookup', 'main h1', enAbout],
    ['/van-ban', 'lookup', 'main .search-status', /\d/],
    ['/van-ban/nd-42-2022-nd-cp', 'lookup', 'main h1', docNumber],
    [`/tim-kiem?q=${encodeURIComponent(article.title)}`, 'lookup', 'main .search-results .card-title', article.title],
    ['/hoi-dap', 'participation', 'main h1', /./],
    ['/nhung', 'snippet-builder', 'main h1', /./],
    ['/nhung/noi-bat', 'widget', '.widget-list li a', /./],
  ];
  for (const [path, app, selector, text] of kinds) {
    await page.goto(ORIGIN + path);
    await page.locator(selector, { hasText: text }).first().waitFor({ timeout: 180_000 }).catch(() => {});
    if (!(await page.locator(selector, { hasText: text }).first().isVisible())) fail(`${path}: ${selector} does not show ${text}`);
    const own = await page.evaluate(() => [...document.querySelectorAll('script[src], script[data-js]')].map((s) => s.dataset.js ?? s.getAttribute('src')).join(' '));
    if (!own.includes(`${app}/`)) fail(`${path}: not the ${app} app's page (scripts: ${own})`);
  }
  // From the portal, a link into the look-up app is a page load that lands in it.
  await page.goto(ORIGIN + '/');
  await page.locator('main h1').first().waitFor({ timeout: 60_000 });
  await page.evaluate(() => document.querySelector('a[href$="/van-ban"]')?.click());
  await page.locator('main .search-status', { hasText: /\d/ }).first().waitFor({ timeout: 60_000 });
  console.log(`cold-serve: every route kind shows its app's page (${kinds.length} addresses, and a link from the portal into the look-up app)`);
  await page.goto(ORIGIN + deep);
  await page.locator('main h1', { hasText: article.title }).waitFor({ timeout: 60_000 });

  // Each change must rebuild and make the open page reload itself (Trunk's live reload): a marker
  // set on the window is gone once the page has reloaded.
  async function expectReload(what, edit, check) {
    await sleep(2000); // past Trunk's watcher cooldown after the previous build
    await page.evaluate(() => (window.__beforeReload = true));
    const t0 = Date.now();
    edit();
    await until(`a reload after ${what}`, REBUILD_LIMIT_MS, () =>
      page.evaluate(() => window.__beforeReload !== true && document.readyState === 'complete'),
    );
    await until(`the rebuilt page after ${what}`, 60_000, check);
    console.log(`cold-serve: ${what} → rebuilt and reloaded in ${secs(t0)} s`);
  }

  await expectReload(
    'a change under style/',
    () => change('style/main.css', `\n/* ${nonce} */ :root { --reload-probe: "${nonce}"; }\n`),
    () => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue('--reload-probe').includes(n), nonce),
  );
  await expectReload(
    'a new file under public/',
    () => change('public/files/reload-probe.txt', nonce),
    async () => (await (await fetch(`${ORIGIN}/files/reload-probe.txt`)).text()).includes(nonce),
  );
  await expectReload(
    'a change under src/',
    () => change('src/lib.rs', `\n// ${nonce}\n`),
    () => page.locator('main h1', { hasText: article.title }).isVisible(),
  );
  if (errors.length) fail(`errors in the page: ${errors.join('; ')}`);
  if (/panicked at/.test(log)) fail('a thread panicked');
  console.log(`cold-serve: passed in ${secs(started)} s`);
} finally {
  restore();
  await browser?.close();
  stop();
}
