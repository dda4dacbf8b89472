import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { openHeaderPanel, watchConsole } from './helpers';

// The English site's search and register (issue 24): the header's box searches the English
// articles (api/v1/en/search); /en/van-ban and its documents are the one register, Vietnamese,
// in English chrome, the documents' own words marked lang="vi".
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const status = (page: Page) => page.locator('.search-status');
const rows = (page: Page) => page.locator('.register-table tbody tr');
const filters = (page: Page) => page.getByRole('search', { name: 'Filter the documents' });

async function axe(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), where).toEqual([]);
}

test('the English header box searches the English articles', async ({ page }) => {
  const errors = watchConsole(page);
  const index: string[] = [];
  page.on('request', (r) => r.url().includes('/search/') && index.push(new URL(r.url()).pathname));
  await page.goto('/en');
  await openHeaderPanel(page, 'search');
  const box = page.getByRole('search', { name: 'Search the portal' }).getByRole('searchbox', { name: 'Search the articles' });
  await expect(box).toHaveAttribute('placeholder', 'Search…');
  await box.fill('bus routes');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/en\/tim-kiem\?q=bus\+routes$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toHaveText('Search');
  await expect(status(page)).toHaveText(/^(1 result|\d+ results) for “bus routes”\.$/);
  await expect(page).toHaveTitle(/^bus routes – Search – City Portal$/);
  const first = page.locator('.search-results .card-title a').first();
  await expect(first).toHaveText(/^Fourteen bus routes re-planned/);
  await expect(first.locator('mark').first()).toBeVisible();
  await expect(page.locator('.search-hit .card-meta').first()).toHaveText(/^News · \d{1,2} [A-Z][a-z]+ \d{4}$/);
  // The English index only.
  expect(index.length).toBeGreaterThan(0);
  expect(index.filter((p) => !p.startsWith('/api/v1/en/search/'))).toEqual([]);
  await first.click();
  await expect(page).toHaveURL(/\/en\/news\/bus-routes-linked-to-metro-stations$/);
  // Nothing found: said in English, with help.
  await page.goto('/en/tim-kiem?q=xyzxyz');
  await expect(status(page)).toHaveText('No results for “xyzxyz”.');
  await expect(page.getByRole('heading', { name: 'No matching results' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the English register: English words, filters in the address, the documents marked Vietnamese', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/en');
  const toggle = page.getByRole('button', { name: 'Menu' });
  if (await toggle.isVisible()) await toggle.click();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Legal documents' }).click();
  await expect(page).toHaveURL(/\/en\/van-ban$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toHaveText('Legal documents');
  await expect(status(page)).toHaveText(/^\d+ documents, page 1 of \d+\.$/);
  await expect(page.locator('.register-table thead th')).toHaveText(['Number', 'Issued on', 'Summary', 'Type', 'Issued by']);
  const type = filters(page).getByLabel('Type');
  // The register's own names, Vietnamese, are marked so.
  await expect(type.locator('option[value="quyet-dinh"]')).toHaveAttribute('lang', 'vi');
  await expect(type.locator('option').first()).toHaveText('All');
  await type.selectOption('quyet-dinh');
  await filters(page).getByLabel('Year of issue').selectOption('2024');
  await filters(page).getByRole('button', { name: 'Filter', exact: true }).click();
  await expect(page).toHaveURL(/\/en\/van-ban\?loai=quyet-dinh&nam=2024$/);
  await expect(status(page)).toHaveText(/^(1 matching document|\d+ matching documents)\.$/);
  for (const row of await rows(page).all()) {
    await expect(row.locator('td[data-label="Type"] > span[lang="vi"]')).toHaveText('Quyết định');
    await expect(row.locator('td[data-label="Issued on"]')).toHaveText(/^\d{1,2} [A-Z][a-z]+ 2024$/);
    await expect(row.locator('th a')).toHaveAttribute('lang', 'vi');
  }
  // Unknown values: said in English.
  await page.goto('/en/van-ban?loai=khong-co&tinh-trang=lost');
  await expect(page.getByRole('note')).toHaveText('Filters in the address that are not valid were not applied: Type, Status.');
  // A document in English chrome: its own words Vietnamese, marked.
  await page.goto('/en/van-ban?q=41%2F2026%2Fqd-ubnd');
  await rows(page).first().locator('th a').click();
  await expect(page).toHaveURL(/\/en\/van-ban\/qd-41-2026-qd-ubnd$/);
  const title = page.locator('main h1');
  await expect(title).toHaveText('Quyết định 41/2026/QĐ-UBND');
  await expect(title).toHaveAttribute('lang', 'vi');
  await expect(page.locator('.article-lead')).toHaveAttribute('lang', 'vi');
  await expect(page.locator('.document-status')).toHaveText(/^Status: (In force|Not yet in force|Partly in force|No longer in force)$/);
  const facts = page.locator('.document-facts dl');
  await expect(facts.locator('dt')).toContainText(['Number', 'Type', 'Issued by', 'Issued on', 'Status', 'Summary']);
  await expect(facts.locator('dd[lang="vi"]').first()).toHaveText('41/2026/QĐ-UBND');
  await expect(page.locator('.document-relations h3', { hasText: 'Replaces' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print this document' })).toBeVisible();
  // Its counterpart is the same document's Vietnamese page.
  await expect(page.getByRole('link', { name: 'Chuyển sang Tiếng Việt' })).toHaveAttribute('href', '/van-ban/qd-41-2026-qd-ubnd');
  // The articles that cite it are the Vietnamese site's, and say so.
  const cited = page.locator('#cited-title + ul');
  await expect(cited).toHaveAttribute('lang', 'vi');
  await expect(cited.locator('a').first()).toHaveAttribute('href', /^\/van-ban-phap-luat\//);
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Legal documents' }).click();
  await expect(page).toHaveURL(/\/en\/van-ban$/);
  await expect(page.locator('main h1')).toHaveText('Legal documents');
  // No Vietnamese interface around the documents.
  const chrome = await page.locator('header, footer, .register-form, .register-table thead').allInnerTexts();
  for (const word of ['Tra cứu', 'Lọc', 'Tất cả', 'Số ký hiệu', 'Tình trạng']) {
    expect(chrome.join(' '), word).not.toContain(word);
  }
  expect(errors).toEqual([]);
});

// One test per page: each audit takes seconds on a slow host, and a failure names its page.
test.describe('axe finds nothing on the English search, register and documents', () => {
  const paths = [
    '/en/tim-kiem',
    '/en/tim-kiem?q=bus+routes',
    '/en/tim-kiem?q=xyzxyz',
    '/en/van-ban',
    '/en/van-ban?loai=quyet-dinh&tinh-trang=in_force',
    '/en/van-ban?q=xyzxyz',
    '/en/van-ban/nd-42-2022-nd-cp',
    '/en/van-ban/qd-41-2026-qd-ubnd',
  ];
  for (const path of paths) {
    test(path, async ({ page }) => {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      if (path.includes('?')) await expect(status(page)).toHaveText(/./);
      else await expect(page.locator('main h1')).toHaveText(/./);
      await axe(page, path);
    });
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the English register and its documents are prerendered in English chrome', async ({ page }) => {
    await page.goto('/en/van-ban');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(rows(page)).toHaveCount(20);
    // Its form stays on the English register.
    await filters(page).getByLabel('Number or summary').fill('qd-ubnd');
    await filters(page).getByLabel('Number or summary').press('Enter');
    await expect(page).toHaveURL(/\/en\/van-ban\?q=qd-ubnd/);
    await rows(page).first().locator('th a').click();
    await expect(page).toHaveURL(/\/en\/van-ban\/[a-z0-9-]+$/);
    await expect(page.locator('main h1')).toHaveAttribute('lang', 'vi');
    await expect(page.locator('.document-facts dt').first()).toHaveText('Number');
    await page.getByRole('link', { name: 'Chuyển sang Tiếng Việt' }).click();
    await expect(page).toHaveURL(/\/van-ban\/[a-z0-9-]+$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.locator('.document-facts dt').first()).toHaveText('Số ký hiệu');
    await page.goto('/en');
    await openHeaderPanel(page, 'search');
    await page.locator('#header-q').fill('bus routes');
    await page.locator('#header-q').press('Enter');
    await expect(page).toHaveURL(/\/en\/tim-kiem\?q=bus\+routes$/);
    await expect(page.locator('main h1')).toHaveText('Search');
  });
});
