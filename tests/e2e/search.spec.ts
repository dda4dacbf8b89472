import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { openHeaderPanel, watchConsole } from './helpers';

// Search (issue 15): the static index in public/api/v1/search, written by the content tool.
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const status = (page: Page) => page.locator('.search-status');
const hits = (page: Page) => page.locator('.search-results > li');
const titles = (page: Page) => page.locator('.search-results .card-title');

async function search(page: Page, query: string) {
  await page.goto(`/tim-kiem?q=${encodeURIComponent(query)}`);
  await expect(status(page)).toHaveText(/^(Tìm thấy|Không tìm thấy)/);
}

test('queries typed without diacritics find accented titles, "đ" among them', async ({ page }) => {
  const cases: [string, RegExp][] = [
    ['dang ky ket hon', /Thủ tục đăng ký kết hôn/],
    ['duong sat do thi', /đường sắt đô thị/],
    ['DIEU CHINH tuyen xe buyt', /Điều chỉnh 14 tuyến xe buýt/],
    ['ho guom', /quanh hồ Gươm/],
    ['tiem vac xin soi', /tiêm vắc xin sởi/],
    ['giay phep xay dung', /cấp giấy phép xây dựng/],
  ];
  for (const [query, title] of cases) {
    await search(page, query);
    await expect(titles(page).filter({ hasText: title }).first(), query).toBeVisible();
    // The matched syllables are marked in the accented title.
    await expect(titles(page).filter({ hasText: title }).first().locator('mark').first()).toBeVisible();
  }
  // The same query with and without diacritics, in any case, finds the same articles.
  await search(page, 'Đăng ký kết hôn');
  const accented = await titles(page).allTextContents();
  await search(page, 'DANG KY KET HON');
  expect(await titles(page).allTextContents()).toEqual(accented);
});

test('the phrase ranks above its syllables apart', async ({ page }) => {
  await search(page, 'cay xanh');
  const first = page.locator('.search-results > li').first();
  await expect(first).toContainText(/cây xanh/i);
  // Pages that hold both syllables apart are found too, after it.
  expect(await hits(page).count()).toBeGreaterThan(1);
  await search(page, 'quy hoach');
  await expect(titles(page).first()).toContainText(/quy hoạch/i);
});

test('filters narrow the results, live in the address, and the count is announced', async ({ page }) => {
  await search(page, 'thanh pho');
  const all = Number((await status(page).textContent())?.match(/Tìm thấy (\d+)/)?.[1]);
  expect(all).toBeGreaterThan(10);
  await expect(status(page)).toHaveAttribute('role', 'status');
  await expect(status(page)).toContainText('cho «thanh pho»');
  const form = page.getByRole('search', { name: 'Tìm kiếm và lọc kết quả' });
  await form.getByLabel('Chuyên mục').selectOption({ label: '– Thời sự' });
  await form.getByLabel('Năm').selectOption('2025');
  // Nothing happens on choosing: the form is sent.
  await expect(page).not.toHaveURL(/chuyen-muc/);
  await form.getByRole('button', { name: 'Tìm kiếm' }).click();
  await expect(page).toHaveURL(/\/tim-kiem\?q=thanh\+pho&chuyen-muc=thoi-su&nam=2025$/);
  await expect(status(page)).toHaveText(/^Tìm thấy (\d+) kết quả cho «thanh pho»(, trang 1 trên \d+)?\.$/);
  const some = Number((await status(page).textContent())?.match(/Tìm thấy (\d+)/)?.[1]);
  expect(some).toBeGreaterThan(0);
  expect(some).toBeLessThan(all);
  for (const meta of await page.locator('.search-hit .card-meta').allTextContents()) {
    expect(meta).toMatch(/^Thời sự · \d\d\/\d\d\/2025$/);
  }
  // The filters show what the address says, after a reload too.
  await page.reload();
  await expect(form.getByLabel('Chuyên mục')).toHaveValue('thoi-su');
  await expect(form.getByLabel('Năm')).toHaveValue('2025');
  // An unknown filter is ignored and shown as not applied.
  await search(page, 'thanh pho');
  await page.goto('/tim-kiem?q=thanh+pho&chuyen-muc=khong-co&nam=1999');
  await expect(status(page)).toHaveText(new RegExp(`^Tìm thấy ${all} kết quả`));
  await expect(form.getByLabel('Chuyên mục')).toHaveValue('');
  // None found: said, with help.
  await search(page, 'xyzxyz');
  await expect(status(page)).toHaveText('Không tìm thấy kết quả nào cho «xyzxyz».');
  await expect(page.getByRole('heading', { name: 'Không có kết quả phù hợp' })).toBeVisible();
  await expect(page.locator('.no-results-categories a').first()).toBeVisible();
});

test('the whole flow works by keyboard alone', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('/');
  const box = page.locator('#header-q');
  await expect(box).toBeFocused();
  await page.keyboard.type('ho so truc tuyen');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/tim-kiem\?q=ho\+so\+truc\+tuyen$/);
  await expect(status(page)).toHaveText(/^Tìm thấy \d+ kết quả/);
  await expect(page).toHaveTitle(/^ho so truc tuyen – Tìm kiếm/);
  // "/" types itself in a field.
  const q = page.locator('#search-q');
  await q.focus();
  await page.keyboard.press('End');
  await page.keyboard.type('/x');
  await expect(q).toHaveValue('ho so truc tuyen/x');
  await expect(q).toBeFocused();
  await q.fill('ho so truc tuyen');
  // From the page's own form: Enter searches, and focus stays in the form.
  await page.keyboard.press('Enter');
  await expect(q).toBeFocused();
  // Tab on to the first result and open it.
  const first = page.locator('.search-results a').first();
  const name = await first.textContent();
  for (let i = 0; i < 12 && !(await first.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toHaveText(name ?? '');
});

test('axe is clean on results, on none found and on the empty search page', async ({ page }) => {
  for (const url of ['/tim-kiem?q=thanh+pho', '/tim-kiem?q=xyzxyz', '/tim-kiem']) {
    await page.goto(url);
    if (url.includes('q=')) await expect(status(page)).toHaveText(/^(Tìm thấy|Không tìm thấy)/);
    const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(result.violations, url).toEqual([]);
  }
});

test('hostile queries execute nothing and break nothing', async ({ page }) => {
  const errors = watchConsole(page);
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const payloads: string[] = JSON.parse(readFileSync('tests/e2e/xss-payloads.json', 'utf8'));
  const odd = ['"\'><', '😀👍🏽 Hà Nội 🇻🇳', 'a'.repeat(2000), '!!! ... ???', '   ', ''];
  for (const q of [...payloads.slice(0, 12), ...odd]) {
    await page.goto(`/tim-kiem?q=${encodeURIComponent(q)}`);
    await expect(page.locator('#search-q')).toHaveValue(q.trim());
    if (q.trim()) await expect(status(page)).toHaveText(/^(Tìm thấy|Không tìm thấy)/);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expect(page.locator('main script, main img[onerror], main svg')).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});

test('Back and Forward bring the search back: query, results, scroll', async ({ page }) => {
  await search(page, 'thanh pho');
  await page.locator('.pager a[rel="next"]').click();
  await expect(page).toHaveURL(/trang=2/);
  await expect(status(page)).toHaveText(/trang 2 trên/);
  const onPage2 = await titles(page).allTextContents();
  const last = page.locator('.search-results a').last();
  await last.scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => window.scrollY);
  const opened = (await last.textContent()) ?? '';
  await last.click();
  await expect(page.locator('main h1')).toHaveText(opened);
  await page.goBack();
  await expect(page).toHaveURL(/\/tim-kiem\?q=thanh\+pho&trang=2$/);
  await expect(page.locator('#search-q')).toHaveValue('thanh pho');
  expect(await titles(page).allTextContents()).toEqual(onPage2);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 40);
  await page.goBack();
  await expect(status(page)).toHaveText(/^Tìm thấy \d+ kết quả cho «thanh pho», trang 1 trên \d+\.$/);
  await page.goForward();
  await expect(page).toHaveURL(/trang=2/);
  await page.goForward();
  await expect(page.locator('main h1')).toHaveText(opened);
});

test('a shard that fails to load shows the error with a retry, and the query stays', async ({ page }) => {
  let fail = true;
  await page.route('**/api/v1/search/terms/**', (route) => (fail ? route.fulfill({ status: 503, body: '' }) : route.fallback()));
  await page.goto('/tim-kiem?q=ho+guom');
  await expect(page.getByRole('alert')).toContainText('Không tải được nội dung');
  await expect(page.locator('#search-q')).toHaveValue('ho guom');
  fail = false;
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await expect(titles(page).filter({ hasText: /hồ Gươm/ }).first()).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the header form leads to the prerendered search page', async ({ page }) => {
    await page.goto('/');
    await openHeaderPanel(page, 'search');
    await page.locator('#header-q').fill('ha noi');
    await page.locator('#header-q').press('Enter');
    await expect(page).toHaveURL(/\/tim-kiem\?q=ha\+noi$/);
    await expect(page.locator('main h1')).toHaveText('Tìm kiếm');
    await expect(page.getByRole('search', { name: 'Tìm kiếm và lọc kết quả' })).toBeVisible();
  });
});

test('a CMS that names a search endpoint in site.json answers instead of the static index', async ({ page }) => {
  const asked: string[] = [];
  await page.route('**/api/v1/site.json', async (route) => {
    const site = await (await route.fetch()).json();
    // Relative to the API base (an absolute URL works the same, where the host's CSP allows it).
    await route.fulfill({ json: { ...site, search: 'cms/tim-kiem?khoa=1' } });
  });
  await page.route('**/api/v1/cms/**', (route) => {
    asked.push(new URL(route.request().url()).pathname + new URL(route.request().url()).search);
    void route.fulfill({
      json: {
        version: 1,
        page: {
          number: 2, size: 10, total_items: 11, total_pages: 2,
          items: [{
            slug: 'bai-tu-cms', title: 'Kết quả từ <b>CMS</b> về Hà Nội',
            category: { slug: 'thoi-su', name: 'Thời sự' },
            published: '2025-05-20T09:00:00+07:00', snippet: 'Đoạn trích về Hà Nội <img src=x onerror=window.__xss=1>',
          }],
        },
      },
    });
  });
  const index: string[] = [];
  page.on('request', (r) => r.url().includes('/api/v1/search/') && index.push(r.url()));
  await page.goto('/tim-kiem?q=ha+noi&nam=2025&trang=2');
  await expect(status(page)).toHaveText('Tìm thấy 11 kết quả cho «ha noi», trang 2 trên 2.');
  await expect(titles(page)).toHaveText(['Kết quả từ <b>CMS</b> về Hà Nội']);
  await expect(titles(page).locator('mark')).toHaveText(['Hà', 'Nội']);
  await expect(page.locator('.search-hit .snippet mark')).toHaveText(['Hà', 'Nội']);
  expect(asked).toEqual(['/api/v1/cms/tim-kiem?khoa=1&q=ha+noi&nam=2025&trang=2']);
  expect(index.filter((u) => u.includes('/terms/') || u.includes('/docs/'))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
