import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { watchConsole } from './helpers';

// The legal documents register (issue 16): /van-ban and /van-ban/<slug>, in the look-up app
// (lookup.html), reading the static index in public/api/v1/documents.
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const status = (page: Page) => page.locator('.search-status');
const form = (page: Page) => page.getByRole('search', { name: 'Lọc văn bản' });
const rows = (page: Page) => page.locator('.register-table tbody tr');
const count = async (page: Page) => Number((await status(page).textContent())?.match(/Có (\d+)/)?.[1]);

async function axe(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), where).toEqual([]);
}

test('a document is found by its number typed without diacritics, first', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/van-ban');
  await expect(status(page)).toHaveText(/^Có \d+ văn bản, trang 1 trên \d+\.$/);
  expect(await count(page)).toBeGreaterThanOrEqual(40);
  await form(page).getByLabel('Số ký hiệu hoặc trích yếu').fill('27/2024/qd-ubnd');
  await form(page).getByRole('button', { name: 'Lọc văn bản' }).click();
  await expect(page).toHaveURL(/\/van-ban\?q=27%2F2024%2Fqd-ubnd$/);
  await expect(status(page)).toHaveText(/^Có \d+ văn bản phù hợp\.$/);
  await expect(rows(page).first().locator('th a')).toHaveText('27/2024/QĐ-UBND');
  // The text filter folds like search: "dat dai" finds "đất đai".
  await page.goto('/van-ban?q=dat+dai');
  await expect(rows(page).first()).toContainText(/đất đai/i);
  expect(errors).toEqual([]);
});

test('words typed side by side find them side by side; words the documents never hold so, each of them', async ({ page }) => {
  const errors = watchConsole(page);
  // "phố" and "trên" are both in 28 summaries, side by side in one.
  await page.goto('/van-ban?q=ph%E1%BB%91+tr%C3%AAn');
  await expect(status(page)).toHaveText(/^Có 1 văn bản/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('hè phố trên địa bàn');
  // Two pairs ("trat tu", "via he"), read as pairs: the summary that has them both.
  await page.goto('/van-ban?q=trat+tu+via+he');
  await expect(status(page)).toHaveText(/^Có \d+ văn bản/);
  for (const text of await rows(page).allTextContents()) expect(text).toMatch(/trật tự.*vỉa hè|vỉa hè.*trật tự/is);
  // No document says "đai đất": the documents holding both words are shown, not none.
  await page.goto('/van-ban?q=dai+dat');
  await expect(status(page)).toHaveText(/^Có \d+ văn bản/);
  expect(await rows(page).count()).toBeGreaterThan(0);
  for (const text of await rows(page).allTextContents()) {
    expect(text).toMatch(/đất/i);
    expect(text).toMatch(/đai/i);
  }
  expect(errors).toEqual([]);
});

test('two filters combine, live in the address, and Back brings the previous view', async ({ page }) => {
  await page.goto('/van-ban');
  const all = await count(page);
  await form(page).getByLabel('Loại văn bản').selectOption('quyet-dinh');
  await form(page).getByLabel('Năm ban hành').selectOption('2024');
  await expect(page).toHaveURL(/\/van-ban$/, { timeout: 1000 });
  await form(page).getByRole('button', { name: 'Lọc văn bản' }).click();
  await expect(page).toHaveURL(/\/van-ban\?loai=quyet-dinh&nam=2024$/);
  await expect(status(page)).toHaveText(/^Có \d+ văn bản phù hợp\.$/);
  const some = await count(page);
  expect(some).toBeGreaterThan(0);
  expect(some).toBeLessThan(all);
  for (const row of await rows(page).all()) {
    await expect(row.locator('td[data-label="Loại văn bản"]')).toHaveText('Quyết định');
    await expect(row.locator('td[data-label="Ngày ban hành"]')).toHaveText(/\/2024$/);
  }
  // Oldest first: the same documents, the other way round.
  const newest = await rows(page).locator('th').allTextContents();
  await form(page).getByLabel('Sắp xếp').selectOption('cu-nhat');
  await form(page).getByRole('button', { name: 'Lọc văn bản' }).click();
  await expect(page).toHaveURL(/sap-xep=cu-nhat/);
  await expect(rows(page).first().locator('th')).toHaveText(newest[newest.length - 1]);
  await page.goBack();
  await expect(page).toHaveURL(/\/van-ban\?loai=quyet-dinh&nam=2024$/);
  await expect(rows(page).first().locator('th')).toHaveText(newest[0]);
  await page.goBack();
  await expect(page).toHaveURL(/\/van-ban$/);
  await expect(status(page)).toHaveText(new RegExp(`^Có ${all} văn bản`));
  await expect(form(page).getByLabel('Loại văn bản')).toHaveValue('');
  await expect(form(page).getByLabel('Năm ban hành')).toHaveValue('');
  await page.goForward();
  await expect(form(page).getByLabel('Loại văn bản')).toHaveValue('quyet-dinh');
  await expect(status(page)).toHaveText(new RegExp(`^Có ${some} văn bản phù hợp`));
  // Pages beyond the first, in the address too.
  await page.goto('/van-ban?trang=2');
  await expect(status(page)).toHaveText(/trang 2 trên \d+\.$/);
  await expect(rows(page)).toHaveCount(20);
});

test('unknown filter values are ignored and said to be', async ({ page }) => {
  await page.goto('/van-ban');
  const all = await count(page);
  await page.goto('/van-ban?loai=khong-co&nam=1999&tinh-trang=lost&co-quan=..%2F..%2Fsite');
  await expect(status(page)).toHaveText(new RegExp(`^Có ${all} văn bản`));
  await expect(page.getByRole('note')).toHaveText(
    'Không áp dụng bộ lọc không hợp lệ trong địa chỉ: Loại văn bản, Cơ quan ban hành, Năm ban hành, Tình trạng hiệu lực.',
  );
  await page.goto('/van-ban?q=khong+co+van+ban+nay');
  await expect(status(page)).toHaveText('Không có văn bản nào phù hợp với bộ lọc.');
  await expect(page.getByRole('heading', { name: 'Không có văn bản phù hợp' })).toBeVisible();
});

test('a document, then its replacement, then an article that cites it, and back to the document', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/van-ban/qd-09-2023-qd-ubnd');
  await expect(page.locator('main h1')).toHaveText('Quyết định 09/2023/QĐ-UBND');
  await expect(page).toHaveTitle(/^Quyết định 09\/2023\/QĐ-UBND – /);
  // The status in words, in the list and beside the title.
  await expect(page.locator('.document-status')).toHaveText('Tình trạng: Hết hiệu lực');
  const facts = page.locator('.document-facts dl');
  await expect(facts.locator('dt')).toContainText(['Số ký hiệu', 'Loại văn bản', 'Cơ quan ban hành', 'Ngày ban hành', 'Tình trạng hiệu lực', 'Trích yếu']);
  const replacedBy = page.locator('.document-relations h3', { hasText: 'Bị thay thế bởi' });
  await expect(replacedBy).toBeVisible();
  await page.locator('.document-relations').getByRole('link', { name: '41/2026/QĐ-UBND' }).click();
  await expect(page).toHaveURL(/\/van-ban\/qd-41-2026-qd-ubnd$/);
  await expect(page.locator('main h1')).toHaveText('Quyết định 41/2026/QĐ-UBND');
  // Both ends of the link: 41 says what it replaces.
  await expect(page.locator('.document-relations')).toContainText('Thay thế văn bản');
  await expect(page.locator('.document-relations').getByRole('link', { name: '09/2023/QĐ-UBND' })).toBeVisible();
  // Its file, with format and size.
  await expect(page.locator('.attachments a').first()).toContainText(/\(PDF, [\d,]+ (byte|KB)\)/);
  // An article that cites it (in the portal: a page load), whose legal facts link back.
  await page.locator('#cited-title + ul a').first().click();
  await expect(page).toHaveURL(/\/van-ban-phap-luat\/[a-z0-9-]+$/);
  await expect(page.locator('.document-facts')).toContainText('41/2026/QĐ-UBND');
  await page.getByRole('link', { name: 'Xem văn bản, tệp và các văn bản liên quan' }).click();
  await expect(page).toHaveURL(/\/van-ban\/qd-41-2026-qd-ubnd$/);
  await expect(page.locator('main h1')).toHaveText('Quyết định 41/2026/QĐ-UBND');
  // Print and copy link are there.
  await expect(page.getByRole('button', { name: 'In văn bản' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sao chép liên kết' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the menu reaches the register, and Decree 42 names what replaced it', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'Danh mục' });
  if (await toggle.isVisible()) await toggle.click();
  await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Tra cứu văn bản' }).click();
  await expect(page).toHaveURL(/\/van-ban$/);
  await expect(page.locator('main h1')).toHaveText('Tra cứu văn bản');
  await page.goto('/van-ban/nd-42-2022-nd-cp');
  await expect(page.locator('.document-relations')).toContainText('224/2026/NĐ-CP');
  await expect(page.locator('.document-relations')).toContainText('Được hướng dẫn bởi');
});

test('a document with missing fields, unknown words and a broken file URL still renders', async ({ page }) => {
  const errors = watchConsole(page, [/item left out/]);
  await page.route('**/api/v1/documents/nd-42-2022-nd-cp.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        version: 1,
        slug: 'nd-42-2022-nd-cp',
        number: '42/2022/NĐ-CP',
        kind: 'Loại chưa biết',
        issuer: 'Chính phủ',
        issued: '2022-06-24',
        status: 'bogus',
        summary: 'Trích yếu <script>alert(1)</script>',
        files: [{ name: 'Tệp hỏng', type: 'application/pdf', size: 1000, url: 'javascript:alert(1)' }, { broken: true }],
        relations: [{ relation: 'cites', document: { slug: 'x', number: 'X' } }],
        cited_by: null,
        future_field: 1,
      }),
    }),
  );
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  // Reached in the app, from the register (the document is fetched then, and intercepted).
  await page.goto('/van-ban?q=42%2F2022%2Fnd-cp');
  await page.getByRole('link', { name: '42/2022/NĐ-CP' }).first().click();
  await expect(page.locator('main h1')).toHaveText('Loại chưa biết 42/2022/NĐ-CP');
  // Unknown status: from the dates (issued 2022, no expiry).
  await expect(page.locator('.document-status')).toHaveText('Tình trạng: Còn hiệu lực');
  await expect(page.locator('.article-lead')).toHaveText('Trích yếu <script>alert(1)</script>');
  // The broken file is named, not linked; the unknown relation is not shown.
  await expect(page.locator('.attachments li')).toHaveCount(1);
  await expect(page.locator('.attachments li')).toContainText('Tệp hỏng');
  await expect(page.locator('.attachments a')).toHaveCount(0);
  await expect(page.locator('.document-relations')).toHaveCount(0);
  expect(dialogs).toBe(0);
  expect(errors).toEqual([]);
});

test('every document offers its file, and one without says why', async ({ page, request }) => {
  // A document that had no file before issue 28: its specimen is there, linked with type and size.
  await page.goto('/van-ban/kh-47-kh-ubnd-2021');
  const link = page.locator('.attachments a');
  await expect(link).toHaveCount(1);
  await expect(link).toContainText(/Toàn văn Kế hoạch số 47\/KH-UBND \(PDF, [\d,]+ (byte|KB)\)/);
  const file = await request.get((await link.getAttribute('href')) ?? '');
  expect(file.status()).toBe(200);
  expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
  // A document the CMS says is withdrawn: the files section says so, nothing to click.
  await page.route('**/api/v1/documents/ct-03-ct-ubnd-2021.json', async (route) => {
    const doc = await (await route.fetch()).json();
    await route.fulfill({ json: { ...doc, files: [], no_file: 'withdrawn' } });
  });
  await page.goto('/van-ban?q=03%2Fct-ubnd');
  await page.getByRole('link', { name: '03/CT-UBND' }).first().click();
  await expect(page.locator('main h1')).toHaveText('Chỉ thị 03/CT-UBND');
  await expect(page.getByRole('region', { name: 'Tệp văn bản' })).toContainText('đã được gỡ bỏ');
  await expect(page.locator('.attachments a')).toHaveCount(0);
});

// One test per page: each audit takes seconds on a slow host, and a failure names its page.
test.describe('axe finds nothing on the register, a filtered view and a document', () => {
  for (const path of ['/van-ban', '/van-ban?loai=nghi-quyet&tinh-trang=in_force', '/van-ban?q=xyzxyz', '/van-ban/nd-42-2022-nd-cp', '/van-ban/qd-27-2024-qd-ubnd']) {
    test(path, async ({ page }) => {
      await page.goto(path);
      await expect(status(page).or(page.locator('.document-status'))).toHaveText(/./);
      await axe(page, path);
    });
  }
});

test('reflow at 320 px with text at 200 %: a stacked list, nothing cut off', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/van-ban', '/van-ban/nd-224-2026-nd-cp']) {
    await page.goto(path);
    // Through the CSSOM (the CSP allows no inline style sheet).
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  }
  // On a phone the rows are a stacked list: each cell on its own line, labelled.
  await page.goto('/van-ban');
  const first = rows(page).first();
  const boxes = await first.locator('th, td').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().top));
  expect(boxes).toEqual([...boxes].sort((a, b) => a - b));
  expect(new Set(boxes).size).toBe(boxes.length);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the register and a document are readable, prerendered', async ({ page }) => {
    await page.goto('/van-ban');
    await expect(rows(page)).toHaveCount(20);
    await expect(page.locator('head link[rel=canonical]')).toHaveAttribute('href', /\/van-ban$/);
    await rows(page).first().locator('th a').click();
    await expect(page.locator('main h1')).toHaveText(/^[^ ].* \S+$/);
    await expect(page.locator('.document-facts dl')).toBeVisible();
  });
});
