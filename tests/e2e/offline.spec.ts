import { test, expect, type Page, type BrowserContext } from './fixtures';
import { chromium } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './helpers';

// Reading offline (issue 26) with the portal's service worker (sw.js, written by the prerender)
// and the network really gone: each test serves a build on a server of its own and stops it.
// The worker's own fetches are not seen by page.route, so nothing here fakes an answer. One width
// (playwright.config.ts): the worker does not depend on the viewport.
test.use({ serviceWorkers: 'allow' });

/** The worker controls the page (it claims the pages open when it first runs). */
async function controlled(page: Page) {
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
}

/** The worker has stored these pages for reading offline. */
async function stored(page: Page, urls: string[]) {
  await expect.poll(async () => {
    const keys: string[] = await page.evaluate(async () => (await (await caches.open('portal-read')).keys()).map((r) => r.url));
    return urls.filter((u) => !keys.includes(u));
  }, { timeout: 20_000 }).toEqual([]);
}

async function forgetHttpCache(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
}

/** Every picture in main has loaded. */
async function picturesShown(page: Page) {
  // Lazy pictures below the fold too: each asked for now, and decoded.
  const broken = await page.locator('main img').evaluateAll(async (imgs) => {
    const all = imgs as HTMLImageElement[];
    await Promise.all(all.map((i) => { i.loading = 'eager'; return i.decode().catch(() => {}); }));
    return all.filter((i) => i.naturalWidth === 0).map((i) => i.src);
  });
  expect(broken).toEqual([]);
  return page.locator('main img').count();
}

function articles(category: string) {
  const doc = JSON.parse(readFileSync(`dist/api/v1/categories/${category}/index.json`, 'utf8'));
  return doc.page.items.map((a: { slug: string; title: string; category: { slug: string } }) => ({ url: `/${a.category.slug}/${a.slug}`, title: a.title }));
}

test('pages read online read offline with their pictures; an unread one shows the offline page, in the app too', async ({ page, context }) => {
  test.setTimeout(120_000);
  const server = await serve('dist', 4191);
  const at = (path: string) => `${server.origin}${path}`;
  // Two articles with pictures in their text, and one neither opened nor shown on screen.
  const all = articles('thoi-su');
  const [first, second, unread] = [all[1], all[4], all[all.length - 1]];
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(at('/'));
  await controlled(page);
  // A category and an article by page loads, a second article inside the app.
  await page.goto(at('/thoi-su'));
  await page.goto(at(first.url));
  await page.goto(at('/thoi-su'));
  await page.locator(`main a[href$="${second.url}"]`).first().click();
  await expect(page.locator('main h1')).toHaveText(second.title);
  await stored(page, [at('/'), at('/thoi-su'), at(first.url), at(second.url)]);
  // Never read: not even its document fetched ahead (a link that came into view) is kept.
  await page.evaluate(async (doc) => (await caches.open('portal-read')).delete(doc), at(`/api/v1/articles/${unread.url.split('/')[2]}.json`));

  await server.stop();
  await forgetHttpCache(context, page);
  for (const [url, h1] of [['/', null], ['/thoi-su', 'Thời sự'], [first.url, first.title], [second.url, second.title]] as const) {
    await page.goto(at(url), { waitUntil: 'load' });
    // The app takes the stored page over with its stored documents and files.
    await expect(page.locator('html'), url).toHaveAttribute('data-app', 'on', { timeout: 20_000 });
    if (h1) await expect(page.locator('main h1')).toHaveText(h1);
    else await expect(page.locator('main .card').first()).toBeVisible();
    await page.waitForLoadState('load');
    const shown = await picturesShown(page);
    if (h1 && h1 !== 'Thời sự') expect(shown, `${url}: pictures`).toBeGreaterThan(0);
  }

  // A page never opened: the portal's own offline page, with the header and what can be read.
  await page.goto(at(unread.url), { waitUntil: 'load' });
  await expect(page).toHaveURL(at(unread.url));
  await expect(page.locator('main h1')).toHaveText('Đọc ngoại tuyến');
  await expect(page.locator('.offline-missed')).toBeVisible();
  await expect(page.getByRole('banner')).toBeVisible();
  const list = page.locator('offline-list');
  for (const title of [first.title, second.title, 'Thời sự']) await expect(list.getByRole('link', { name: title })).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-app', /./);

  // Inside the app: a link to a page never opened leads to the same page.
  await list.getByRole('link', { name: 'Thời sự' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-app', 'on', { timeout: 20_000 });
  await page.locator(`main a[href$="${unread.url}"]`).first().click();
  await expect(page.locator('main h1')).toHaveText('Đọc ngoại tuyến', { timeout: 20_000 });
  await expect(page.locator('.offline-missed')).toBeVisible();
  // The English pages have their own.
  await page.goto(at('/en/news/never-opened'), { waitUntil: 'load' });
  await expect(page.locator('main h1')).toHaveText('Reading offline');
  expect(problems).toEqual([]);
});

test('an English article read online reads offline, in English', async ({ page, context }) => {
  const server = await serve('dist', 4196);
  const at = (path: string) => `${server.origin}${path}`;
  const doc = JSON.parse(readFileSync('dist/api/v1/en/categories/news/index.json', 'utf8'));
  const article = doc.page.items[0];
  const url = `/en/${article.category.slug}/${article.slug}`;
  let running = true;
  try {
    await page.goto(at('/en'));
    await controlled(page);
    await page.goto(at(url));
    await expect(page.locator('main h1')).toHaveText(article.title);
    await stored(page, [at(url)]);
    await server.stop();
    running = false;
    await forgetHttpCache(context, page);
    await page.goto(at(url), { waitUntil: 'load' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('main h1')).toHaveText(article.title);
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on', { timeout: 20_000 });
    await picturesShown(page);
    // The footer's way to what can be read offline, in English.
    await page.getByRole('link', { name: 'Reading offline' }).click();
    await expect(page.locator('main h1')).toHaveText('Reading offline');
    await expect(page.locator('offline-list[data-kind="read"]').getByRole('link', { name: article.title })).toBeVisible();
  } finally {
    if (running) await server.stop();
  }
});

test('under a sub-path the worker keeps to it, and a page read there reads offline', async ({ page, context }) => {
  const server = await serve('target/dist-subpath', 4195, '/cong');
  const at = (path: string) => `${server.origin}/cong${path}`;
  let running = true;
  try {
    await page.goto(at('/thoi-su'));
    await controlled(page);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toBe(at('/'));
    await stored(page, [at('/thoi-su')]);
    await server.stop();
    running = false;
    await forgetHttpCache(context, page);
    await page.goto(at('/thoi-su'), { waitUntil: 'load' });
    await expect(page.locator('main h1')).toHaveText('Thời sự');
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on', { timeout: 20_000 });
    await page.goto(at('/khong-co-bai-nay/chua-doc'), { waitUntil: 'load' });
    await expect(page.locator('main h1')).toHaveText('Đọc ngoại tuyến');
  } finally {
    if (running) await server.stop();
  }
});

test('a new build: an open page keeps its own until the next link, which loads the new one whole; the kill switch retires the worker', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'portal-deploy-'));
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  cpSync('dist', a, { recursive: true });
  const server = await serve(a, 4192);
  const at = (path: string) => `${server.origin}${path}`;
  try {
    await page.goto(at('/thoi-su'));
    await controlled(page);
    const oldHash = readdirSync(a).find((f) => /^portal-[0-9a-f]+_bg\.wasm$/.test(f))!.match(/-([0-9a-f]+)_bg/)![1];

    // Build B: the portal's files under new hashed names (what a new release is to a browser), its
    // pages and worker naming them.
    cpSync('dist', b, { recursive: true });
    const oldBuild = readFileSync(join(b, 'sw.js'), 'utf8').match(/const BUILD = "([^"]+)"/)![1];
    const newHash = oldHash.split('').reverse().join('');
    for (const f of readdirSync(b)) if (f.includes(oldHash)) renameSync(join(b, f), join(b, f.replace(oldHash, newHash)));
    const rewrite = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) rewrite(p);
        else if (/\.(html|js)$/.test(f) && !/\.(br|gz)$/.test(f)) {
          const text = readFileSync(p, 'utf8');
          if (text.includes(oldHash) || text.includes(oldBuild)) {
            writeFileSync(p, text.replaceAll(oldHash, newHash).replaceAll(oldBuild, 'build-b'));
            rmSync(`${p}.br`, { force: true });
            rmSync(`${p}.gz`, { force: true });
          }
        }
      }
    };
    rewrite(b);
    await server.stop();
    const next = await serve(b, 4192);
    try {
      // The browser looks for a new worker (as it does on a page load); the new one takes over.
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 20_000 }).toContain('portal-app-build-b');
      // The open page learns it (offline.js), and still runs its own build.
      await expect(page.locator('html')).toHaveAttribute('data-newer-build', '', { timeout: 20_000 });
      expect(await page.locator('script[data-wasm]').getAttribute('data-wasm')).toContain(oldHash);
      // Its next link is a page load of build B, whole.
      const loaded = page.waitForEvent('load');
      await page.locator('main .card-title a').first().click();
      await loaded;
      await expect(page.locator('html')).toHaveAttribute('data-app', 'on', { timeout: 20_000 });
      expect(await page.locator('script[data-wasm]').getAttribute('data-wasm')).toContain(newHash);
      const files: string[] = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect(files.filter((f) => f.includes(oldHash))).toEqual([]);
      expect(files.some((f) => f.includes(`${newHash}_bg.wasm`))).toBe(true);

      // The kill switch: a build made with PORTAL_SERVICE_WORKER=off (README: Deploying).
      execFileSync('target/debug/prerender', ['--api', join(b, 'api/v1'), '--dist', b, '--site', `${server.origin}/`], {
        env: { ...process.env, PORTAL_SERVICE_WORKER: 'off' },
        stdio: 'ignore',
      });
      expect(readFileSync(join(b, 'thoi-su/index.html'), 'utf8')).not.toContain('portal-service-worker');
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      // It deletes what the worker stored, unregisters itself and reloads the page without it.
      // (The page reloads meanwhile: a look that meets the reload is taken again.)
      const look = <T,>(f: () => Promise<T>) => () => page.evaluate(f).catch(() => 'reloading');
      await expect.poll(look(async () => (await caches.keys()).filter((k) => k.startsWith('portal-'))), { timeout: 20_000 }).toEqual([]);
      await expect.poll(look(async () => (await navigator.serviceWorker.getRegistrations()).length), { timeout: 20_000 }).toBe(0);
      await page.reload();
      expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(false);
    } finally {
      await next.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an article saved for offline stays after a browser restart, reads without the network, and can be removed', async ({ browserName }) => {
  test.setTimeout(120_000);
  expect(browserName).toBe('chromium');
  const profile = mkdtempSync(join(tmpdir(), 'portal-profile-'));
  const launch = () => chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const article = articles('thoi-su')[1];
  const server = await serve('dist', 4194);
  const url = `${server.origin}${article.url}`;
  let running = true;
  try {
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on', { timeout: 20_000 });
    const save = page.getByRole('button', { name: 'Lưu để đọc ngoại tuyến' });
    await expect(save).toHaveAttribute('aria-pressed', 'false', { timeout: 20_000 });
    await save.click();
    await expect(save).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('save-offline [role="status"]')).toHaveText('Đã lưu bài viết để đọc khi không có mạng.');
    // Only the saved copy is left to read it from (not the pages read in the last 30 days).
    await page.evaluate(() => caches.delete('portal-read'));
    await context.close();
    await server.stop();
    running = false;

    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url, { waitUntil: 'load' });
    await expect(page.locator('main h1')).toHaveText(article.title);
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on', { timeout: 20_000 });
    expect(await picturesShown(page)).toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: 'Lưu để đọc ngoại tuyến' })).toHaveAttribute('aria-pressed', 'true');

    await page.goto(`${server.origin}/doc-ngoai-tuyen`, { waitUntil: 'load' });
    const saved = page.locator('offline-list[data-kind="saved"]');
    await expect(saved.getByRole('link', { name: article.title })).toBeVisible();
    await expect(saved.locator('time')).toHaveCount(1);
    await expect(saved).toContainText(/Các bài đã lưu chiếm [\d,.]+ (KB|MB) trên thiết bị này\./);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await saved.getByRole('button', { name: `Bỏ lưu: ${article.title}` }).click();
    await expect(saved).toContainText('Chưa lưu bài nào.');
    await page.goto(url, { waitUntil: 'load' });
    await expect(page.locator('main h1')).toHaveText('Đọc ngoại tuyến');
    await context.close();
  } finally {
    if (running) await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('installable: a manifest in each language, with maskable icons, under the site', async ({ browserName }) => {
  expect(browserName).toBe('chromium');
  // Installability needs a profile of its own (a browser context is "incognito").
  const profile = mkdtempSync(join(tmpdir(), 'portal-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const server = await serve('dist', 4193);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    for (const [path, name, short] of [['/', 'Cổng Thông tin điện tử Thành phố', 'Cổng TTĐT Thành phố'], ['/en', 'City Electronic Information Portal', 'City Portal']]) {
      await page.goto(`${server.origin}${path}`);
      await controlled(page);
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      const manifest = await (await page.request.get(new URL(href!, `${server.origin}/`).href)).json();
      expect(manifest.name).toBe(name);
      expect(manifest.short_name).toBe(short);
      expect(manifest.icons.filter((i: { purpose: string }) => i.purpose === 'maskable').length).toBeGreaterThan(0);
      expect(manifest.icons.some((i: { type: string }) => i.type === 'image/svg+xml')).toBe(true);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors, path).toEqual([]);
      await cdp.detach();
    }
  } finally {
    await server.stop();
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a comment written offline waits in the worker and is sent once the network is back, the page closed meanwhile', async ({ context }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'portal-outbox-'));
  const db = join(dir, 'receiver.db');
  const receiver = spawn('target/debug/portal-receiver', ['serve', '--db', db, '--api', 'dist/api/v1', '--listen', '127.0.0.1:4197', '--today', '2026-12-10'], { stdio: 'ignore' });
  // The server is stopped while the reader is offline: the worker's own fetches (a Background Sync
  // follows the machine's network, not the page's emulated one) meet a network that is really gone.
  let server = await serve('dist', 4198, '', 'http://127.0.0.1:4197');
  let running = true;
  try {
    const consultations = JSON.parse(readFileSync('dist/api/v1/consultations/index.json', 'utf8'));
    const open = consultations.items.find((c: { opens: string; closes: string }) => c.opens <= '2026-12-10' && c.closes >= '2026-12-10');
    const rows = (text: string) => (JSON.parse(execFileSync('target/debug/portal-receiver', ['dump', '--db', db], { encoding: 'utf8' })) as { reference: string; body: { comment: string } }[]).filter((r) => r.body.comment === text);
    const text = `Góp ý gửi qua hộp thư đi ${Date.now()}`;
    let page = await context.newPage();
    await page.clock.setFixedTime(new Date('2026-12-10T10:00:00+07:00'));
    await page.goto(`${server.origin}/lay-y-kien/${open.slug}`);
    await controlled(page);
    await page.getByLabel('Nội dung góp ý').fill(text);
    await page.getByLabel('Họ và tên').fill('Phạm Thu');
    await page.getByRole('checkbox').check();
    await context.setOffline(true);
    await server.stop();
    running = false;
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await expect(page.locator('.form-waiting')).toBeVisible();
    // Handed to the worker.
    await expect.poll(() => page.evaluate(async () => (await (await caches.open('portal-outbox')).keys()).length)).toBe(1);
    await page.close();
    expect(rows(text)).toHaveLength(0);
    // The network is back; the reader opens any page of the portal: the worker sends what waited.
    server = await serve('dist', 4198, '', 'http://127.0.0.1:4197');
    running = true;
    await context.setOffline(false);
    page = await context.newPage();
    await page.goto(`${server.origin}/`);
    await expect.poll(() => rows(text).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.evaluate(async () => (await (await caches.open('portal-outbox')).keys()).length)).toBe(0);
    // Back on the form: it says it was sent, with the same reference, and nothing is recorded twice.
    await page.clock.setFixedTime(new Date('2026-12-10T10:00:00+07:00'));
    await page.goto(`${server.origin}/lay-y-kien/${open.slug}`);
    await expect(page.locator('#form-receipt')).toContainText('Nội dung chưa gửi được lúc trước nay đã được gửi thành công');
    await expect(page.locator('#form-receipt .reference')).toHaveText(rows(text)[0].reference);
    expect(rows(text)).toHaveLength(1);
  } finally {
    if (running) await server.stop();
    receiver.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
