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
  // The heads of the index may decide the page: then the count is the results found so far.
  const allText = (await status(page).textContent()) ?? '';
  const all = Number(allText.match(/Tìm thấy (ít nhất )?(\d+)/)?.[2]);
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
  // (The register's documents with these words are counted after the articles.)
  await expect(status(page)).toHaveText(/^Tìm thấy (ít nhất )?(\d+) kết quả cho «thanh pho»(, trang 1 trên \d+)?\.( Có \d+ văn bản phù hợp\.)?$/);
  const some = Number((await status(page).textContent())?.match(/Tìm thấy (ít nhất )?(\d+)/)?.[2]);
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
  await expect(status(page)).toHaveText(allText);
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
  await expect(status(page)).toHaveText(/^Tìm thấy (ít nhất )?\d+ kết quả/);
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

// One test per page: each audit takes seconds on a slow host, and a failure names its page.
test.describe('axe is clean on results, on none found and on the empty search page', () => {
  for (const url of ['/tim-kiem?q=thanh+pho', '/tim-kiem?q=xyzxyz', '/tim-kiem']) {
    test(url, async ({ page }) => {
      await page.goto(url);
      if (url.includes('q=')) await expect(status(page)).toHaveText(/^(Tìm thấy|Không tìm thấy)/);
      const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
      expect(result.violations, url).toEqual([]);
    });
  }
});

test('hostile queries execute nothing and break nothing', async ({ page }) => {
  // Many searches in one journey: about 20 s on a slow 2-core host, too close to the default 30.
  test.slow();
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
  await expect(status(page)).toHaveText(/trang 2( trên \d+)?\./);
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
  await expect(status(page)).toHaveText(/^Tìm thấy (ít nhất )?\d+ kết quả cho «thanh pho»(, trang 1 trên \d+)?\.( Có \d+ văn bản phù hợp\.)?$/);
  await page.goForward();
  await expect(page).toHaveURL(/trang=2/);
  await page.goForward();
  await expect(page.locator('main h1')).toHaveText(opened);
});

test('a new search keeps the last list on screen until its own is in, busy meanwhile, with no skeleton between', async ({ page }) => {
  await search(page, 'thanh pho');
  const first = await titles(page).first().textContent();
  // The next query's shards are slow to come.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/v1/search/terms/**', async (route) => {
    await held;
    await route.fallback();
  });
  // Whatever the page shows meanwhile, recorded as it happens.
  await page.evaluate(() => {
    const seen = { skeleton: false, emptied: false };
    (window as unknown as { seen: typeof seen }).seen = seen;
    new MutationObserver(() => {
      if (document.querySelector('main .skeleton')) seen.skeleton = true;
      if (!document.querySelector('.search-results > li')) seen.emptied = true;
    }).observe(document.querySelector('main')!, { childList: true, subtree: true, attributes: true });
  });
  await page.locator('#search-q').fill('ho guom');
  await page.locator('#search-q').press('Enter');
  await expect(status(page)).toHaveText('Đang tìm…');
  await expect(page.locator('.search-answer')).toHaveAttribute('aria-busy', 'true');
  await expect(titles(page).first()).toHaveText(first ?? '');
  // The list kept meanwhile reads as well as any (a dimmed list failed color-contrast).
  await page.waitForTimeout(500);
  const busy = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(busy.violations.map((v) => v.id)).toEqual([]);
  release();
  await expect(status(page)).toContainText('«ho guom»');
  await expect(titles(page).filter({ hasText: /hồ Gươm/ }).first()).toBeVisible();
  await expect(page.locator('.search-answer')).not.toHaveAttribute('aria-busy', /.*/);
  expect(await page.evaluate(() => (window as unknown as { seen: object }).seen)).toEqual({ skeleton: false, emptied: false });
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

// The whole list of every term in its shard: its head and all its tail tiers merged, so the
// app reads everything at once (what it did before the index had tiers).
function wholeShard(shard: Record<string, unknown>, root: string): Record<string, unknown> {
  const ungap = (gaps: number[]) => { let d = 0; return gaps.map((g, i) => (d = i === 0 ? g : d + g)); };
  const regap = (docs: number[]) => docs.map((d, i) => (i === 0 ? d : d - docs[i - 1]));
  const out: Record<string, unknown> = {};
  for (const [term, entry] of Object.entries(shard)) {
    const e = entry as { v?: string[]; p: number[]; e?: number[]; t?: number };
    if (Array.isArray(entry) || !e.t) { out[term] = entry; continue; }
    const postings: [number, number][] = [];
    const masks = new Map<number, number>();
    const add = (part: { p: number[]; e?: number[] } | number[]) => {
      const p = Array.isArray(part) ? part : part.p;
      const n = p.length / 2;
      const docs = ungap(p.slice(0, n));
      docs.forEach((d, i) => postings.push([d, p[n + i]]));
      const x = Array.isArray(part) ? [] : part.e ?? [];
      const xd = ungap(x.filter((_, i) => i % 2 === 0));
      xd.forEach((d, i) => masks.set(d, x[2 * i + 1]));
    };
    add(e);
    for (let k = 1; k <= e.t; k++) add(JSON.parse(readFileSync(`${root}/${tailOf(term, k)}`, 'utf8')));
    postings.sort((a, b) => a[0] - b[0]);
    const docs = postings.map((p) => p[0]);
    const xs = [...masks.entries()].sort((a, b) => a[0] - b[0]);
    const entryOut: Record<string, unknown> = { p: [...regap(docs), ...postings.map((p) => p[1])] };
    if (e.v) entryOut.v = e.v;
    if (xs.length) entryOut.e = regap(xs.map((x) => x[0])).flatMap((g, i) => [g, xs[i][1]]);
    out[term] = entryOut;
  }
  return out;
}

// `index::tail_doc`: FNV-1a-64 of the term's UTF-8 bytes, 16 hex digits.
function tailOf(term: string, k: number): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(term)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `search/tails/${h.toString(16).padStart(16, '0')}/${k}.json`;
}

test('the first page the index\'s heads decide is the page the whole lists give', async ({ page }) => {
  // Many searches in one journey: about 20 s on a slow 2-core host, too close to the default 30.
  test.slow();
  const root = 'public/api/v1';
  const decided: string[] = [];
  for (const q of ['thanh pho', 'thành phố', 'ho so truc tuyen', 'quy hoach', 'giao thong', 'cay xanh', 'ha noi', 'ubnd']) {
    await search(page, q);
    const text = (await status(page).textContent()) ?? '';
    const heads = await titles(page).allTextContents();
    if (text.includes('ít nhất')) decided.push(q);
    // The same query with every term's whole list in its shard.
    await page.route('**/api/v1/search/terms/*.json', async (route) => {
      const shard = await (await route.fetch()).json();
      await route.fulfill({ json: wholeShard(shard, root) });
    });
    await search(page, q);
    await expect(status(page)).not.toContainText('ít nhất');
    expect(await titles(page).allTextContents(), q).toEqual(heads);
    await page.unroute('**/api/v1/search/terms/*.json');
  }
  // The heads decided some of them (else this compares nothing new).
  expect(decided.length).toBeGreaterThan(2);
});

test('legal documents are found by number in every written form, and by title, apart from the articles', async ({ page }) => {
  // Many searches in one journey: about 20 s on a slow 2-core host, too close to the default 30.
  test.slow();
  const group = page.getByRole('region', { name: 'Văn bản' });
  for (const typed of ['27/2024/QĐ-UBND', '27 2024 qd ubnd', '27/2024/qd-ubnd', '27-2024-QD-UBND']) {
    // From the header's search box, as a citizen types it.
    await page.goto('/');
    await openHeaderPanel(page, 'search');
    await page.locator('#header-q').fill(typed);
    await page.locator('#header-q').press('Enter');
    await expect(page.locator('main h1')).toHaveText('Tìm kiếm');
    await expect(group.getByRole('link').first(), typed).toHaveText('Quyết định 27/2024/QĐ-UBND');
    await expect(status(page)).toHaveText(/ Có (1|\d+) văn bản phù hợp\.$/);
  }
  // The group comes before the articles, which have a heading of their own.
  const headings = await page.locator('main h2').allTextContents();
  expect(headings.slice(0, 2)).toEqual(['Văn bản', 'Tin bài']);
  expect(headings.length).toBeGreaterThan(2);
  // By title words, without diacritics; more than three found: the way to all of them.
  await search(page, 'su dung tam thoi mot phan he pho ngoai muc dich giao thong');
  await expect(group.locator('.found-document').first()).toBeVisible();
  await expect(group.getByRole('link', { name: 'Quyết định 27/2024/QĐ-UBND' })).toBeVisible();
  // Words in many documents: three shown, and the way to all of them in the register.
  await search(page, 'thanh pho');
  await expect(group.locator('.found-document')).toHaveCount(3);
  const more = group.getByRole('link', { name: /^Xem cả \d+ văn bản phù hợp trong Tra cứu văn bản$/ });
  const total = Number((await more.textContent())?.match(/\d+/)?.[0]);
  expect(total).toBeGreaterThan(3);
  await more.click();
  await expect(page).toHaveURL(/\/van-ban\?q=thanh\+pho$/);
  await expect(page.locator('main h1')).toHaveText('Tra cứu văn bản');
  await expect(page.locator('.search-status')).toHaveText(new RegExp(`^Có ${total} văn bản phù hợp`));
  // The document's page, from the group.
  await search(page, '27/2024/QĐ-UBND');
  await group.getByRole('link', { name: 'Quyết định 27/2024/QĐ-UBND' }).click();
  await expect(page).toHaveURL(/\/van-ban\/qd-27-2024-qd-ubnd$/);
  await expect(page.locator('main h1')).toHaveText('Quyết định 27/2024/QĐ-UBND');
  // A number no document has: no group, the usual answer.
  await search(page, '99/2099/QĐ-UBND');
  await expect(group).toHaveCount(0);
  // Only documents: they are shown, and the articles say they found none.
  await search(page, '47/KH-UBND');
  await expect(status(page)).toHaveText('Không tìm thấy tin bài nào cho «47/KH-UBND». Có 1 văn bản phù hợp.');
  await expect(group.getByRole('link')).toHaveText(['Kế hoạch 47/KH-UBND']);
  await expect(page.locator('main')).toContainText('Không tìm thấy tin bài nào cho «47/KH-UBND».');
  await expect(page.locator('.no-results')).toHaveCount(0);
});

test('the English search finds the register\'s documents too, linked on the English site', async ({ page }) => {
  await page.goto(`/en/tim-kiem?q=${encodeURIComponent('27 2024 qd ubnd')}`);
  const group = page.getByRole('region', { name: 'Legal documents' });
  const link = group.getByRole('link').first();
  await expect(link).toHaveText('Quyết định 27/2024/QĐ-UBND');
  await expect(link).toHaveAttribute('lang', 'vi');
  await expect(link).toHaveAttribute('href', /\/en\/van-ban\/qd-27-2024-qd-ubnd$/);
  await expect(page.locator('.search-status')).toHaveText(/(1 matching document|\d+ matching documents)\.$/);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
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
