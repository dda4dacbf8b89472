import { test, expect, type Page, type Route } from './fixtures';
import { readFileSync } from 'node:fs';

// What arrived stays (issue 26): when the app's data fails while it takes a prerendered page over,
// the page stays as it was served, readable, its links plain links; the app asks again quietly,
// one polite line says that some functions are unavailable, and the app takes over once the data
// comes. Fault injection does not depend on the viewport: desktop only (playwright.config.ts).

const LIMIT_MS = 1200;

type Fault = { name: string; handle: (r: Route) => Promise<void> | void };
const FAULTS: Record<string, Fault> = {
  server: { name: 'HTTP 500', handle: (r) => r.fulfill({ status: 500, body: 'Internal Server Error' }) },
  network: { name: 'network failure', handle: (r) => r.abort('failed') },
  timeout: { name: 'no answer within the time limit', handle: () => {} },
  malformed: { name: 'malformed JSON', handle: (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"version":1,"title":' }) },
  mistyped: { name: 'wrong field types', handle: (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"version":"1","title":7,"page":[],"items":{}}' }) },
};

const API = '**/api/v1/**';
const LINE = 'Một số chức năng của trang tạm thời chưa dùng được. Nội dung vẫn đọc được, các liên kết vẫn mở được.';

/** Console errors and uncaught exceptions other than the failed loads caused on purpose. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|net::ERR_FAILED|status of 500/.test(m.text())) problems.push(m.text());
  });
  return problems;
}

/** The request time limit shortened (the override a deployment may add, src/api/http.rs). */
async function shortTimeout(page: Page) {
  await page.route((url) => !/\.[a-z0-9]+$/i.test(url.pathname), async (route) => {
    if (route.request().resourceType() !== 'document') return route.fallback();
    const res = await route.fetch();
    const html = (await res.text()).replace(/<meta charset="?utf-8"?>/i, (m) => `${m}<meta name="portal-api-timeout" content="${LIMIT_MS}">`);
    await route.fulfill({ response: res, body: html });
  });
}

function firstArticle() {
  const doc = JSON.parse(readFileSync('dist/api/v1/categories/thoi-su/index.json', 'utf8'));
  const a = doc.page.items[0];
  return { url: `/${a.category.slug}/${a.slug}`, title: a.title as string };
}

async function firstDocument(page: Page) {
  const html = await (await page.request.get('/van-ban')).text();
  const slug = html.match(/href="\/van-ban\/([a-z0-9-]+)"/)?.[1];
  expect(slug, 'the register links a document').toBeTruthy();
  const number = html.match(new RegExp(`href="/van-ban/${slug}"[^>]*>([^<]+)<`))?.[1] ?? '';
  return { url: `/van-ban/${slug}`, number };
}

/** The prerendered page is the page: its h1, its text, no app, no crash, and the polite line. */
async function expectServedPage(page: Page, h1: string) {
  await expect(page.locator('#app.prerendered main h1')).toHaveText(h1);
  expect((await page.locator('#app.prerendered main').innerText()).length, 'the page still has its text').toBeGreaterThan(200);
  await expect(page.locator('html')).not.toHaveAttribute('data-app', /./);
  await expect(page.locator('#crash-banner')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
}

/** Opens `url` with every API document failing as `fault` says; returns how to end the fault. */
async function openFailing(page: Page, url: string, fault: Fault) {
  let calls = 0;
  const handler = async (route: Route) => {
    calls++;
    await fault.handle(route);
  };
  await page.route(API, handler);
  // Not waiting for the app (it cannot take over): the page as it arrived.
  await page.goto(url, { waitUntil: 'load' });
  // The app ran, its data failed, and the page says so in one polite line.
  const line = page.locator('.app-unavailable');
  await expect(line).toHaveText(LINE, { timeout: 20_000 });
  await expect(line).toHaveAttribute('role', 'status');
  return { calls: () => calls, heal: () => page.unroute(API, handler) };
}

test.describe('the API fails while the app takes a prerendered page over', () => {
  test.beforeEach(async ({ page }) => shortTimeout(page));

  for (const kind of ['home', 'category', 'article', 'document', 'own page'] as const) {
    test(`every failure on ${kind}: the page stays as served, then the app takes over once the data comes`, async ({ page }) => {
      test.setTimeout(240_000);
      const problems = watch(page);
      const article = firstArticle();
      const target = {
        home: async () => ({ url: '/', h1: /Cổng/ as string | RegExp }),
        category: async () => ({ url: '/thoi-su', h1: 'Thời sự' }),
        article: async () => ({ url: article.url, h1: article.title }),
        document: async () => {
          const doc = await firstDocument(page);
          return { url: doc.url, h1: new RegExp(doc.number.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) };
        },
        'own page': async () => ({ url: '/gioi-thieu', h1: 'Giới thiệu' }),
      }[kind];
      const p = await target();
      for (const fault of Object.values(FAULTS)) {
        await page.goto('about:blank');
        const failing = await openFailing(page, p.url, fault);
        const h1 = typeof p.h1 === 'string' ? p.h1 : ((await page.locator('main h1').textContent()) ?? '');
        expect(h1, `${p.url}: ${fault.name}`).toMatch(p.h1);
        await expectServedPage(page, h1);
        // Asked again quietly: more requests than the first page's few.
        const before = failing.calls();
        await expect.poll(failing.calls, { message: `${p.url}: retried after ${fault.name}`, timeout: 20_000 }).toBeGreaterThan(before);
        await expectServedPage(page, h1);
        // The failure passes: the app takes the page over by itself, the line goes.
        await failing.heal();
        await expect(page.locator('html'), `${p.url}: taken over after ${fault.name}`).toHaveAttribute('data-app', 'on', { timeout: 40_000 });
        await expect(page.locator('main h1')).toHaveText(h1);
        await expect(page.locator('.app-unavailable')).toHaveCount(0);
        await expect(page.locator('#app.prerendered')).toHaveCount(0);
      }
      expect(problems).toEqual([]);
    });
  }

  test('after 15 s of failing documents an article is still the page, and its links are plain links', async ({ page }) => {
    test.setTimeout(90_000);
    const problems = watch(page);
    const article = firstArticle();
    const failing = await openFailing(page, article.url, FAULTS.server);
    await page.waitForTimeout(15_000);
    await expectServedPage(page, article.title);
    await expect(page.locator('.article-body p').first()).toBeVisible();
    // Its links: a page load each (the app's router does not take them).
    const loaded = page.waitForEvent('load');
    await page.locator('main .breadcrumb a, main nav a').filter({ hasText: 'Thời sự' }).first().click();
    await loaded;
    await expect(page).toHaveURL(/\/thoi-su$/);
    await expect(page.locator('.app-unavailable')).toHaveText(LINE, { timeout: 20_000 });
    await expectServedPage(page, 'Thời sự');
    await failing.heal();
    await expect(page.locator('html')).toHaveAttribute('data-app', 'on', { timeout: 40_000 });
    expect(problems).toEqual([]);
  });

  test('the English page says it in English', async ({ page }) => {
    await page.route(API, (r) => r.fulfill({ status: 503, body: 'down' }));
    await page.goto('/en', { waitUntil: 'load' });
    await expect(page.locator('.app-unavailable')).toHaveText(/^Some of this page's functions are unavailable for now\./, { timeout: 20_000 });
    await expect(page.locator('#app.prerendered main h1')).toHaveCount(1);
  });
});

test('the app files fail after the page arrived: the page stays, and the app starts once back online', async ({ page, context }) => {
  const problems = watch(page);
  const article = firstArticle();
  const fail = (r: Route) => r.abort('internetdisconnected');
  await page.route('**/*.wasm', fail);
  await page.goto(article.url, { waitUntil: 'load' });
  await expect(page.locator('.app-unavailable')).toHaveText(LINE, { timeout: 20_000 });
  await expectServedPage(page, article.title);
  await page.unroute('**/*.wasm', fail);
  // The browser comes back online (the event the page waits for).
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(page.locator('html')).toHaveAttribute('data-app', 'on', { timeout: 20_000 });
  await expect(page.locator('main h1')).toHaveText(article.title);
  await expect(page.locator('.app-unavailable')).toHaveCount(0);
  expect(problems.filter((p) => !/wasm|WebAssembly|Failed to fetch|fetch/i.test(p))).toEqual([]);
});
