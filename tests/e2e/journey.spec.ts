import { test, expect } from './fixtures';
import { PORTAL, expectPage, olderPage, openMenuItem, savesData, screenshot, timedClick, watchConsole } from './helpers';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a reader goes from home through a category to an article and back', async ({ page }, info) => {
  const errors = watchConsole(page);

  // Home
  await page.goto('/');
  await expectPage(page, /\/$/, 'Cổng Thông tin điện tử Thành phố', new RegExp(`^Trang chủ – ${PORTAL}$`));
  await expect(page.getByRole('heading', { name: 'Tin nổi bật' })).toBeVisible();
  await expect(page.locator('.latest .card')).toHaveCount(8);
  await expect(page.locator('.block')).toHaveCount(4);
  for (const card of await page.locator('.latest .card').all()) {
    await expect(card.locator('.card-title a')).not.toBeEmpty();
    await expect(card.locator('time')).toHaveAttribute('datetime', /\+07:00$/);
    await expect(card.locator('.card-lead')).not.toBeEmpty();
  }
  await screenshot(page, info, 'home');

  // Menu → category
  await openMenuItem(page, 'Tin tức – Sự kiện');
  await expectPage(page, /\/tin-tuc-su-kien$/, 'Tin tức – Sự kiện', new RegExp(`^Tin tức – Sự kiện – ${PORTAL}$`));
  await expect(page.locator('.count')).toHaveText('22 bài viết');
  // The newest run of ten and the articles after it (pages that never move: docs/api.md).
  await expect(page.locator('.category .card')).toHaveCount(12);
  await expect(page.getByRole('navigation', { name: 'Chuyên mục con' }).getByRole('link')).toHaveText(['Thời sự', 'Kinh tế', 'Văn hóa – Xã hội']);
  const firstOnPage1 = await page.locator('.category .card-title').first().textContent();
  await screenshot(page, info, 'category');

  // The older articles (deep-linkable, named by their dates)
  const older = olderPage();
  await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Bài cũ hơn' }).click();
  await expectPage(page, /\/tin-tuc-su-kien\/trang\/1$/, 'Tin tức – Sự kiện', new RegExp(`^${esc(older.title)} – ${PORTAL}$`));
  await expect(page.locator('.count')).toHaveText(older.range);
  await expect(page.locator('.category .card')).toHaveCount(10);
  await expect(page.locator('.category .card-title').first()).not.toHaveText(firstOnPage1!);
  await expect(page.locator('.category .card-title').first()).toHaveText(older.items[0].title);
  // The oldest: newer articles only.
  const pager = page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link');
  await expect(pager).toHaveText(['‹ Bài mới hơn']);
  await expect(pager).toHaveAttribute('href', '/tin-tuc-su-kien');

  // Scroll to a card near the bottom and open it.
  const card = page.locator('.category .card-title a').nth(8);
  const title = (await card.textContent())!;
  await card.scrollIntoViewIfNeeded();
  const listScroll = await page.evaluate(() => window.scrollY);
  expect(listScroll).toBeGreaterThan(300);
  const ms = await timedClick(page, () => card.click(), title);
  info.annotations.push({ type: 'navigation click → h1 (ms)', description: ms.toFixed(1) });
  console.log(`[${info.project.name}] client navigation click → new h1: ${ms.toFixed(1)} ms`);
  await expectPage(page, /\/[a-z0-9-]+\/[a-z0-9-]+$/, title, new RegExp(`^${esc(title)} – ${PORTAL}$`));
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(50);
  await expect(page.locator('.article-body p').first()).toBeVisible();
  await expect(page.locator('.article-meta time').first()).toHaveText(/^\d\d\/\d\d\/\d{4} \| \d\d:\d\d (AM|PM)$/);
  const description = page.locator('meta[name="description"]');
  await expect(description).toHaveCount(1);
  await expect(description).toHaveAttribute('content', (await page.locator('.article-lead').textContent())!);
  const articleUrl = page.url();

  // Read down the article, follow its category link at the bottom, come Back: same place.
  const bottomLink = page.locator('.article-category a');
  await bottomLink.scrollIntoViewIfNeeded();
  const articleScroll = await page.evaluate(() => window.scrollY);
  expect(articleScroll).toBeGreaterThan(200);
  await bottomLink.click();
  await expect(page).toHaveURL(/\/(thoi-su|kinh-te|van-hoa-xa-hoi)$/);
  await page.goBack();
  await expectPage(page, new RegExp(`${esc(new URL(articleUrl).pathname)}$`), title, new RegExp(esc(title)));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(articleScroll - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(articleScroll + 5);

  // Breadcrumb back to the article's own category.
  const crumbs = page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link');
  await expect(crumbs.first()).toHaveText('Trang chủ');
  await expect(crumbs.nth(1)).toHaveText('Tin tức – Sự kiện');
  const own = (await crumbs.last().textContent())!;
  await crumbs.last().click();
  await expectPage(page, /\/(thoi-su|kinh-te|van-hoa-xa-hoi)$/, own, new RegExp(`^${esc(own)} – ${PORTAL}$`));

  // Back to the article, Back again to the older articles, where the reader left them.
  await page.goBack();
  await expectPage(page, new RegExp(`${esc(new URL(articleUrl).pathname)}$`), title, new RegExp(esc(title)));
  await page.goBack();
  await expectPage(page, /\/trang\/1$/, 'Tin tức – Sự kiện', new RegExp(esc(older.title)));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(listScroll - 5);
  expect(await page.evaluate(() => window.scrollY)).toBeLessThan(listScroll + 5);

  // Forward returns to the article.
  await page.goForward();
  await expectPage(page, new RegExp(`${esc(new URL(articleUrl).pathname)}$`), title, new RegExp(esc(title)));
  await screenshot(page, info, 'article');

  // Reload on the deep link.
  await page.reload();
  await expectPage(page, new RegExp(`${esc(new URL(articleUrl).pathname)}$`), title, new RegExp(esc(title)));
  await expect(page.locator('.article-body p').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('unknown routes and documents the API does not have show the not-found page', async ({ page }) => {
  // The app asks the API for documents that do not exist: the browser logs those 404s.
  const errors = watchConsole(page, [/status of 404/]);
  for (const path of ['/khong/co/trang-nay', '/chuyen-muc-khong-ton-tai', '/thoi-su/bai-viet-khong-ton-tai', '/thoi-su?trang=99', '/Tin_Tuc']) {
    await page.goto(path);
    await expectPage(page, new RegExp(esc(path.split('?')[0]) ), 'Không tìm thấy trang', new RegExp(`^Không tìm thấy trang – ${PORTAL}$`));
    await expect(page.getByRole('link', { name: 'Quay về trang chủ' })).toBeVisible();
  }
  // An article asked for under a category that is not its own is not a page either.
  await page.goto('/tin-tuc-su-kien/' + (await firstArticleSlug(page)));
  await expect(page.locator('main h1')).toHaveText('Không tìm thấy trang');
  expect(errors).toEqual([]);
});

async function firstArticleSlug(page: import('@playwright/test').Page) {
  const res = await page.request.get('/api/v1/categories/thoi-su/index.json');
  const doc = await res.json();
  return doc.page.items[0].slug as string;
}

test('an empty category says so; a legal document shows its metadata and attachments', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/lich-cong-tac');
  await expectPage(page, /\/lich-cong-tac$/, 'Lịch công tác', /^Lịch công tác – /);
  await expect(page.getByText('Chuyên mục này chưa có bài viết.')).toBeVisible();
  await expect(page.locator('.count')).toHaveText('0 bài viết');

  await page.goto('/van-ban-phap-luat');
  await page.locator('.category .card-title a').first().click();
  const facts = page.getByRole('region', { name: 'Thông tin văn bản' });
  // The register's own terms, as the document's page writes them (one rendering of the facts).
  await expect(facts.locator('dt').first()).toHaveText('Số ký hiệu');
  await expect(facts).toContainText('Cơ quan ban hành');
  await expect(facts.locator('time').first()).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\d$/);
  const download = page.locator('.attachments a').first();
  await expect(download).toHaveText(/^Tải về: .+\((PDF|CSV), [\d,]+ (KB|byte)\)$/);
  const href = await download.getAttribute('href');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(errors).toEqual([]);
});

test('print view hides menus and shows link addresses', async ({ page }) => {
  await page.goto('/tin-tuc-su-kien');
  await page.locator('.category .card-title a').first().click();
  await expect(page.locator('.article-body')).not.toBeEmpty();
  await expect(page.getByRole('button', { name: 'In bài viết' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.main-nav')).toBeHidden();
  await expect(page.locator('.site-footer')).toBeHidden();
  await expect(page.locator('.article-tools')).toBeHidden();
  await expect(page.locator('main h1')).toBeVisible();
  const after = await page.evaluate(() => {
    const a = document.querySelector('.article-body a[href]');
    return a ? getComputedStyle(a, '::after').content : 'none';
  });
  expect(after).toMatch(/^" \(http:\/\/127\.0\.0\.1:\d+\/|^" \(https:\/\//);
});

test('copy-link puts the article address on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/tin-tuc-su-kien');
  await page.locator('.category .card-title a').first().click();
  await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã sao chép' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test('leaving a page aborts its request, and the late answer never shows', async ({ page }) => {
  const errors = watchConsole(page);
  // The visit's own request (one fetched ahead is not the page's to abort: the next test).
  await savesData(page);
  await page.goto('/');
  await expect(page.locator('.latest .card')).toHaveCount(8);
  const target = 'categories/chi-dao-dieu-hanh/index.json';
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const outcome: string[] = [];
  page.on('requestfailed', (r) => r.url().includes(target) && outcome.push(`failed ${r.failure()?.errorText}`));
  page.on('requestfinished', (r) => r.url().includes(target) && outcome.push('finished'));
  await page.route(`**/${target}`, async (route) => {
    await held;
    await route.continue().catch((e) => outcome.push(`continue refused: ${String(e).split('\n')[0]}`));
  });
  await openMenuItem(page, 'Chỉ đạo – Điều hành');
  await expect(page).toHaveURL(/\/chi-dao-dieu-hanh$/);
  await expect(page.locator('.skeleton').first()).toBeVisible();
  await openMenuItem(page, 'Dịch vụ công');
  await expectPage(page, /\/dich-vu-cong$/, 'Dịch vụ công', /^Dịch vụ công – /);
  release();
  await expect.poll(() => outcome.length).toBeGreaterThan(0);
  expect(outcome).not.toContain('finished');
  await page.waitForTimeout(300);
  await expect(page.locator('main h1')).toHaveText('Dịch vụ công');
  expect(errors).toEqual([]);
});

test('pointing at or focusing a link fetches its document ahead; following it needs no request', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/tin-tuc-su-kien');
  await expect(page.locator('.category .card')).toHaveCount(12);
  // The last card: below the fold, so not already fetched because it is on screen.
  const link = page.locator('.category .card-title a').last();
  const href = (await link.getAttribute('href'))!;
  const title = (await link.textContent())!;
  const doc = `/api/v1/articles/${href.split('/').pop()}.json`;
  const requests: string[] = [];
  page.on('request', (r) => r.url().endsWith(doc) && requests.push(r.url()));
  await link.focus();
  await expect.poll(() => requests.length).toBe(1);
  await page.waitForLoadState('networkidle');
  await link.click();
  await expect(page.locator('main h1')).toHaveText(title);
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.locator('.article-body p').first()).toBeVisible();
  expect(requests).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('links that come into view are fetched ahead on a fast connection; scrolling brings the rest', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => r.url().includes('/api/v1/articles/') && fetched.push(r.url().split('/').pop()!));
  await page.goto('/tin-tuc-su-kien');
  await expect(page.locator('.category .card')).toHaveCount(12);
  const slug = async (i: number) =>
    (await page.locator('.category .card-title a').nth(i).getAttribute('href'))!.split('/').pop() + '.json';
  const first = await slug(0);
  const last = await slug(11);
  // Nobody pointed at anything: the first card is on screen and its document arrives anyway.
  await expect.poll(() => fetched).toContain(first);
  await page.waitForLoadState('networkidle');
  expect(fetched).not.toContain(last);
  await page.locator('.category .card').last().scrollIntoViewIfNeeded();
  await expect.poll(() => fetched).toContain(last);
  // Each document once, however often it scrolls past.
  await page.mouse.wheel(0, -5000);
  await page.waitForLoadState('networkidle');
  expect(new Set(fetched).size).toBe(fetched.length);
});

test("the menu's sections are fetched ahead once the first page has arrived; a click on one still on its way waits for that request", async ({ page }) => {
  const errors = watchConsole(page);
  const requests: string[] = [];
  page.on('request', (r) => r.url().includes('/api/v1/categories/') && requests.push(new URL(r.url()).pathname));
  // One section's answer held until the reader has followed its link.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/v1/categories/dich-vu-cong/index.json', async (route) => {
    await held;
    await route.continue();
  });
  const arrived = page.waitForResponse('**/api/v1/categories/chi-dao-dieu-hanh/index.json');
  await page.goto('/');
  await expect(page.locator('.latest .card')).toHaveCount(8);
  const sections = ['tin-tuc-su-kien', 'chi-dao-dieu-hanh', 'quy-hoach-ke-hoach', 'van-ban-phap-luat', 'thong-tin-dien-tu', 'dich-vu-cong']
    .map((s) => `/api/v1/categories/${s}/index.json`);
  await expect.poll(() => sections.filter((s) => !requests.includes(s))).toEqual([]);
  await (await arrived).finished();
  // Arrived: following the link asks for nothing.
  await openMenuItem(page, 'Chỉ đạo – Điều hành');
  await expectPage(page, /\/chi-dao-dieu-hanh$/, 'Chỉ đạo – Điều hành', /^Chỉ đạo – Điều hành – /);
  // Still on its way: the visit waits for it, and shows it when it comes.
  await openMenuItem(page, 'Dịch vụ công');
  await expect(page).toHaveURL(/\/dich-vu-cong$/);
  await expect(page.locator('.skeleton').first()).toBeVisible();
  release();
  await expectPage(page, /\/dich-vu-cong$/, 'Dịch vụ công', /^Dịch vụ công – /);
  await page.waitForLoadState('networkidle');
  for (const s of sections) expect(requests.filter((r) => r === s), s).toHaveLength(1);
  expect(errors).toEqual([]);
});

for (const [name, connection] of [
  ['the reader saves data', { saveData: true, effectiveType: '4g' }],
  ['the connection is slow', { saveData: false, effectiveType: '3g' }],
] as const) {
  test(`nothing on screen or in the menu is fetched ahead when ${name}`, async ({ page }) => {
    await savesData(page, connection);
    const fetched: string[] = [];
    page.on('request', (r) => /\/api\/v1\/(articles|categories)\//.test(r.url()) && !r.url().includes('/tin-tuc-su-kien/') && fetched.push(r.url()));
    await page.goto('/tin-tuc-su-kien');
    await expect(page.locator('.category .card')).toHaveCount(12);
    await page.waitForTimeout(1500);
    await page.waitForLoadState('networkidle');
    expect(fetched).toEqual([]);
    // Asking (focus) still fetches ahead on a slow link, but not when saving data.
    await page.locator('.category .card-title a').first().focus();
    await page.waitForTimeout(300);
    await page.waitForLoadState('networkidle');
    expect(fetched).toHaveLength(connection.saveData ? 0 : 1);
  });
}

test('the router takes plain clicks on in-app links and leaves every other link to the browser', async ({ page, context }) => {
  const marker = () => page.evaluate(() => (window as unknown as { stay?: number }).stay === 1);
  const mark = () => page.evaluate(() => { (window as unknown as { stay?: number }).stay = 1; });
  const addLink = (attrs: string) =>
    page.evaluate((a) => {
      document.querySelector('main h1')!.insertAdjacentHTML('afterend', `<p><a id="probe" ${a}>probe</a></p>`);
    }, attrs);
  await page.goto('/thoi-su');
  await expect(page.locator('main h1')).toHaveText('Thời sự');
  await mark();

  // A plain click on a card: a route change in the same document.
  const card = page.locator('.category .card-title a').first();
  const title = (await card.textContent())!;
  await card.click();
  await expect(page.locator('main h1')).toHaveText(title);
  expect(await marker(), 'no page load for an in-app link').toBe(true);
  await page.goBack();
  await expect(page.locator('main h1')).toHaveText('Thời sự');
  expect(await marker()).toBe(true);

  // Ctrl+click: a new tab, this page untouched.
  const [tab] = await Promise.all([context.waitForEvent('page'), card.click({ modifiers: ['Control'] })]);
  await tab.close();
  await expect(page).toHaveURL(/\/thoi-su$/);
  expect(await marker()).toBe(true);

  // A jump inside the page ("#main" would resolve against <base href> to the home page): this
  // page stays, scrolled to and focused on the target.
  await addLink('href="#main"');
  await page.locator('#probe').click();
  await expect(page).toHaveURL(/\/thoi-su#main$/);
  await expect(page.locator('main h1')).toHaveText('Thời sự');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  expect(await marker()).toBe(true);
  // The skip link, by keyboard, on a page other than home.
  await page.goto('/thoi-su');
  await expect(page.locator('main h1')).toHaveText('Thời sự');
  await mark();
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/thoi-su#main$/);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  expect(await marker(), 'the skip link loads nothing').toBe(true);

  // rel="external", and a file (its name has a dot): page loads.
  await page.goto('/thoi-su');
  await expect(page.locator('main h1')).toHaveText('Thời sự');
  await mark();
  await addLink('href="/" rel="external"');
  await page.locator('#probe').click();
  await expect(page.getByRole('heading', { name: 'Tin nổi bật' })).toBeVisible();
  expect(await marker(), 'rel=external is a page load').toBe(false);
  // The loaded page is prerendered: wait for the takeover, whose swap would drop a link added before it.
  await expect(page.locator('html[data-app="on"]')).toHaveCount(1);
  await mark();
  await addLink('href="files/chi-tieu-kt-xh-2026.csv"');
  await Promise.all([page.waitForURL(/\/files\/chi-tieu-kt-xh-2026\.csv$/), page.locator('#probe').click()]).catch(() => {});
  // A CSV may be shown or downloaded; either way the app did not treat it as a route.
  await expect(page.locator('main h1')).not.toHaveText('Không tìm thấy trang');
});

test('Back to home returns to the same card, though off-screen blocks are laid out lazily', async ({ page }) => {
  await page.goto('/');
  const card = page.locator('.blocks .block').nth(2).locator('.card-title a').first();
  await card.scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 120);
  const before = await card.evaluate((el) => el.getBoundingClientRect().top);
  const title = (await card.textContent())!;
  await card.click();
  await expect(page.locator('main h1')).toHaveText(title);
  await page.goBack();
  await expect(page.locator('main h1')).toHaveText('Cổng Thông tin điện tử Thành phố');
  await expect.poll(() => card.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThan(before - 5);
  expect(await card.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(before + 5);
});

test('a followed link makes its history entry in one step: the router pushes it with its key, nothing rewrites it', async ({ page }) => {
  await page.goto('/');
  // history.replaceState costs a few milliseconds of every navigation (docs/performance.md).
  await page.evaluate(() => {
    const w = window as unknown as { replaced: number };
    w.replaced = 0;
    const replace = history.replaceState.bind(history);
    history.replaceState = (...args: Parameters<History['replaceState']>) => {
      w.replaced++;
      return replace(...args);
    };
  });
  const link = page.locator('.blocks .block').first().locator('.card-title a').first();
  const title = (await link.textContent())!;
  await link.click();
  await expect(page.locator('main h1')).toHaveText(title);
  await expect(page.locator('main h1')).toBeFocused();
  expect(await page.evaluate(() => typeof history.state?.portalKey)).toBe('number');
  expect(await page.evaluate(() => (window as unknown as { replaced: number }).replaced)).toBe(0);
});

test('every client-side navigation is reported to site analytics: path, title and referrer', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { navs: unknown[] };
    w.navs = [];
    window.addEventListener('portal:navigate', (e) => w.navs.push((e as CustomEvent).detail));
  });
  const navs = () => page.evaluate(() => (window as unknown as { navs: unknown[] }).navs);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Tin nổi bật' })).toBeVisible();
  await page.waitForTimeout(300);
  // The page load itself is the tracker's to count.
  expect(await navs()).toEqual([]);

  await openMenuItem(page, 'Tin tức – Sự kiện');
  await expect(page.locator('main h1')).toHaveText('Tin tức – Sự kiện');
  await expect.poll(navs).toEqual([
    { path: '/tin-tuc-su-kien', title: `Tin tức – Sự kiện – ${PORTAL}`, referrer: '/' },
  ]);

  await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Bài cũ hơn' }).click();
  await expect(page).toHaveURL(/\/trang\/1$/);
  const card = page.locator('.category .card-title a').first();
  const title = (await card.textContent())!;
  const href = (await card.getAttribute('href'))!;
  await card.click();
  await expect(page.locator('main h1')).toHaveText(title);
  await page.goBack();
  await expect(page).toHaveURL(/\/trang\/1$/);
  const older = olderPage().title;
  await expect.poll(navs).toEqual([
    { path: '/tin-tuc-su-kien', title: `Tin tức – Sự kiện – ${PORTAL}`, referrer: '/' },
    { path: '/tin-tuc-su-kien/trang/1', title: `${older} – ${PORTAL}`, referrer: '/tin-tuc-su-kien' },
    { path: href, title: `${title} – ${PORTAL}`, referrer: '/tin-tuc-su-kien/trang/1' },
    { path: '/tin-tuc-su-kien/trang/1', title: `${older} – ${PORTAL}`, referrer: href },
  ]);
});
