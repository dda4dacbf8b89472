// The release build on a real host: nginx (Debian's nginx-light with libnginx-mod-http-brotli-static,
// installed by scripts/setup.sh) configured exactly as the README's "Deploying" section tells a
// deployer — its server block is read from README.md, with only the port and the build's folder
// put in — then every route kind walked in both languages: status codes, which app's page answers,
// each app's own script and wasm served as script and wasm with brotli, the policy headers.
// Usage: node tests/host/nginx.mjs [--dist dist] [--port 4180]
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, v, i, a) => (v.startsWith('--') ? [...acc, [v.slice(2), a[i + 1]]] : acc), []),
);
const dist = resolve(args.dist ?? 'dist');
const prefix = '';
const port = Number(args.port ?? 4180);
const origin = `http://127.0.0.1:${port}`;
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
};

// The README's server block, as a deployer copies it.
const readme = readFileSync('README.md', 'utf8');
const found = readme.match(/\n( *)```nginx\n(\1server \{[\s\S]*?\n\1\})\n\1```/);
const block = found?.[2].replace(new RegExp(`^${found[1]}`, 'gm'), '');
if (!block) throw new Error('README.md has no ```nginx server { … } block');
// The write endpoints go to the development receiver (crates/portal-receiver), as the block
// sends them to a CMS: on the next port, with a database of this run's own.
const receiverPort = port + 1;
const server = block
  .replace(/listen\s+80;/, `listen 127.0.0.1:${port};`)
  .replaceAll('/srv/portal/dist', dist)
  .replace('http://127.0.0.1:8082', `http://127.0.0.1:${receiverPort}`);

// A main configuration as Debian's /etc/nginx/nginx.conf has it: the enabled modules (brotli_static)
// and the MIME types; logs and temporary files in a folder of ours, run by this user.
const dir = mkdtempSync(join(tmpdir(), 'portal-nginx-'));
const root = process.getuid?.() === 0;
// Debian's `load_module modules/…` lines are relative to nginx's prefix (/usr/share/nginx).
symlinkSync('/usr/lib/nginx/modules', join(dir, 'modules'));
writeFileSync(
  join(dir, 'nginx.conf'),
  `${root ? 'user root;\n' : ''}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
include /etc/nginx/modules-enabled/*.conf;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${server}
}
`,
);
execFileSync('/usr/sbin/nginx', ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'inherit' });
execFileSync('cargo', ['build', '--quiet', '-p', 'portal-receiver'], { stdio: 'inherit' });
const receiver = spawn(
  'target/debug/portal-receiver',
  ['serve', '--db', join(dir, 'receiver.db'), '--api', join(dist, 'api/v1'), '--listen', `127.0.0.1:${receiverPort}`, '--today', '2026-12-10'],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
const nginx = spawn('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'inherit' });
// Both children stopped, or node would wait for them forever after the checks.
const stop = () => {
  nginx.kill();
  receiver.kill();
};
process.on('exit', stop);
for (let i = 0; i < 50; i++) {
  try {
    await fetch(origin + '/');
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 100));
  }
}

const get = (path, headers = {}) => fetch(origin + prefix + path, { headers: { 'accept-encoding': 'br, gzip', ...headers }, redirect: 'manual' });

// Which app's page answered: its start-up script names the app's bundle (boot.js data-js), the
// widget page its own script.
function appOf(html) {
  const js = html.match(/data-js=["']?[^"'\s>]*?([a-z-]+)-[0-9a-f]{8,}\.js/)?.[1];
  if (js) return js;
  return /widget-[0-9a-f]+\.js/.test(html) ? 'widget page' : 'none';
}

// Sample addresses of every kind, from what the build holds.
const site = JSON.parse(readFileSync(join(dist, 'api/v1/site.json'), 'utf8'));
const enSite = JSON.parse(readFileSync(join(dist, 'api/v1/en/site.json'), 'utf8'));
const category = site.menu[0].slug;
const enCategory = enSite.menu[0].slug;
const page1 = JSON.parse(readFileSync(join(dist, `api/v1/categories/${category}/index.json`), 'utf8'));
const enPage1 = JSON.parse(readFileSync(join(dist, `api/v1/en/categories/${enCategory}/index.json`), 'utf8'));
const article = page1.page.items[0];
const enArticle = enPage1.page.items[0];
// A document with a prerendered page, and one without (published since the last prerender).
const docSlug = readdirSync(join(dist, 'api/v1/documents')).find((f) => f.endsWith('.json') && f !== 'index.json')?.replace(/\.json$/, '');

const cases = [
  // [path, status, app]
  ['/', 200, 'portal'],
  [`/${category}`, 200, 'portal'],
  [`/${category}/trang/1`, 200, 'portal'],
  [`/${category}?trang=1`, 200, 'portal'],
  [`/${article.category?.slug ?? category}/${article.slug}`, 200, 'portal'],
  ['/gioi-thieu', 200, 'lookup'],
  ['/gioi-thieu/lien-he', 200, 'lookup'],
  ['/tim-kiem', 200, 'lookup'],
  ['/tim-kiem?q=ha+noi', 200, 'lookup'],
  ['/van-ban', 200, 'lookup'],
  ['/van-ban?loai=quyet-dinh', 200, 'lookup'],
  ['/van-ban/mot-van-ban-chua-co-trang', 200, 'lookup'],
  ['/lay-y-kien', 200, 'participation'],
  ['/hoi-dap', 200, 'participation'],
  ['/hoi-dap?linh-vuc=y-te', 200, 'participation'],
  ['/hoi-dap/gui-cau-hoi', 200, 'participation'],
  ['/hoi-dap/tra-cuu?ma=HD-00000000', 200, 'participation'],
  ['/hoi-dap/mot-cau-hoi-chua-co-trang', 200, 'participation'],
  ['/nhung', 200, 'snippet-builder'],
  ['/nhung/moi-nhat', 200, 'widget page'],
  ['/nhung/noi-bat', 200, 'widget page'],
  ['/en', 200, 'portal'],
  [`/en/${enCategory}`, 200, 'portal'],
  [`/en/${enArticle.category?.slug ?? enCategory}/${enArticle.slug}`, 200, 'portal'],
  ['/en/about', 200, 'lookup'],
  ['/en/about/contact', 200, 'lookup'],
  ['/en/tim-kiem', 200, 'lookup'],
  // Not found: the portal's 404 page, with status 404.
  ['/khong-co-trang-nay/a/b', 404, 'portal'],
  ['/van-ban/a/b', 404, 'portal'],
  ['/nhung/a/b', 404, 'portal'],
  ['/tim-kiem-khac', 404, 'portal'],
  ['/en/khong-co/a/b', 404, 'portal'],
];
if (docSlug) cases.push([`/van-ban/${docSlug}`, 200, 'lookup']);

const bundles = new Set();
for (const [path, status, app] of cases) {
  const res = await get(path);
  const html = await res.text();
  check(res.status === status, `${path}: status ${res.status}, expected ${status}`);
  check(/^text\/html/.test(res.headers.get('content-type') ?? ''), `${path}: content-type ${res.headers.get('content-type')}`);
  check(appOf(html) === app, `${path}: served ${appOf(html)}'s page, expected ${app}'s`);
  if (status === 404) check(html.includes('id="app"') || html.includes('<main'), `${path}: the 404 page`);
  const csp = res.headers.get('content-security-policy') ?? '';
  const framed = app === 'widget page';
  check(csp.includes("script-src 'self' 'wasm-unsafe-eval'"), `${path}: Content-Security-Policy ${csp || 'missing'}`);
  check(csp.includes(`frame-ancestors ${framed ? '*' : "'self'"}`), `${path}: frame-ancestors in ${csp}`);
  // The page's own files (attributes are unquoted in minified pages): scripts, wasm, styles.
  for (const m of html.matchAll(/(?:data-js|data-wasm|src|href)=["']?([^"'\s>:]+\.(js|wasm|css))(?=["'\s>])/g)) bundles.add(`${m[2]} ${m[1]}`);
}

// Every app's own files: script as script, wasm as wasm, brotli, cached for a year when hashed,
// never an HTML page in their place (the 500s and HTML answers of issue 24).
const TYPES = { js: /^(text|application)\/javascript/, wasm: /^application\/wasm/, css: /^text\/css/ };
const apps = new Set();
for (const entry of bundles) {
  const [kind, href] = entry.split(' ');
  const url = new URL(href, origin + prefix + '/').pathname.slice(prefix.length);
  const res = await get(url);
  const body = Buffer.from(await res.arrayBuffer());
  check(res.status === 200, `${url}: status ${res.status}`);
  check(TYPES[kind].test(res.headers.get('content-type') ?? ''), `${url}: content-type ${res.headers.get('content-type')}`);
  check(!/^\s*</.test(body.subarray(0, 64).toString()), `${url}: an HTML page in its place`);
  if (/-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css)$/.test(url)) {
    check(res.headers.get('content-encoding') === 'br', `${url}: content-encoding ${res.headers.get('content-encoding')}`);
    check(/immutable/.test(res.headers.get('cache-control') ?? ''), `${url}: cache-control ${res.headers.get('cache-control')}`);
    apps.add(url.match(/\/([a-z-]+)-[0-9a-f]+(_bg)?\.(js|wasm)$/)?.[1]);
  }
}
for (const app of ['portal', 'lookup', 'participation', 'snippet-builder']) check(apps.has(app), `${app}: its script and wasm were not among the pages' files`);

// API documents: JSON when present, 404 when missing (the app's not-found page depends on it).
const doc = await get('/api/v1/site.json');
check(doc.status === 200 && /json/.test(doc.headers.get('content-type') ?? ''), `/api/v1/site.json: ${doc.status} ${doc.headers.get('content-type')}`);
const missing = await get('/api/v1/articles/khong-co-bai-nay.json');
check(missing.status === 404, `a missing API document: status ${missing.status}`);

// The forms' write endpoints through the block's proxy: recorded once per key, refusals as JSON.
const consultations = await (await get('/api/v1/consultations/index.json')).json();
const open = consultations.items.find((c) => c.opens <= '2026-12-10' && c.closes >= '2026-12-10');
const comment = { key: 'nginx-check-0000000001', consultation: open?.slug, name: 'Lan', comment: 'Góp ý qua nginx', consent: true };
const post = (body) => fetch(`${origin}/api/v1/submissions/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
const first = await post(JSON.stringify(comment));
const firstBody = await first.json().catch(() => ({}));
check(first.status === 201 && /^YK-/.test(firstBody.reference ?? ''), `a comment through nginx: ${first.status} ${JSON.stringify(firstBody)}`);
const again = await (await post(JSON.stringify(comment))).json().catch(() => ({}));
check(again.reference === firstBody.reference, `the same key again through nginx: ${JSON.stringify(again)}`);
const refused = await post('{');
check(refused.status === 400 && /json/.test(refused.headers.get('content-type') ?? ''), `a malformed body through nginx: ${refused.status}`);
const status = await get('/api/v1/submissions/questions/HD-00000000');
check(status.status === 404 && /json/.test(status.headers.get('content-type') ?? ''), `an unknown reference through nginx: ${status.status}`);

// The service worker, revalidated on every check (a new build is found at once), and the web app
// manifests with their type (Chromium installs from them).
const sw = await get('/sw.js');
check(sw.status === 200 && /javascript/.test(sw.headers.get('content-type') ?? ''), `/sw.js: ${sw.status} ${sw.headers.get('content-type')}`);
check(sw.headers.get('cache-control') === 'no-cache', `/sw.js: cache-control ${sw.headers.get('cache-control')}`);
for (const path of ['/manifest.webmanifest', '/en/manifest.webmanifest']) {
  const manifest = await get(path);
  check(manifest.status === 200 && /^application\/manifest\+json/.test(manifest.headers.get('content-type') ?? ''), `${path}: ${manifest.status} ${manifest.headers.get('content-type')}`);
}

// And in a browser: the look-up app runs on this host (search finds, the register filters).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${origin}${prefix}/tim-kiem?q=ha+noi`);
  await page.locator('.search-results > li').first().waitFor({ timeout: 20_000 }).catch(() => {});
  check((await page.locator('.search-results > li').count()) > 0, 'search on nginx: no results for "ha noi"');
  await page.goto(`${origin}${prefix}/van-ban?nam=2024`);
  await page.locator('.search-status').filter({ hasText: /\d/ }).first().waitFor({ timeout: 20_000 }).catch(() => {});
  check(/\d/.test((await page.locator('.search-status').first().textContent()) ?? ''), 'register on nginx: no count');
  check(errors.length === 0, `browser errors on nginx: ${errors.join(' | ')}`);
} finally {
  await browser.close();
}

stop();
if (!existsSync(join(dir, 'error.log'))) failures.push('nginx wrote no error log');
const errorLog = readFileSync(join(dir, 'error.log'), 'utf8');
check(!/\[(error|crit|alert|emerg)\]/.test(errorLog.replace(/.*No such file or directory.*\n?/g, '')), `nginx error log:\n${errorLog}`);
if (failures.length) {
  console.error(`nginx: ${failures.length} failed\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`nginx: passed (${cases.length} addresses, ${bundles.size} bundle files, both languages)`);
