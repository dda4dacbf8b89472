import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { fakeSpeech, openHeaderPanel, watchConsole } from './helpers';

// The English version and the portal's own pages (issue 17): /en/… reads en/ documents with an
// English interface; /gioi-thieu/… and /en/about/… are the portal's own pages (look-up app).
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const ORIGIN = 'http://127.0.0.1';

async function axe(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), where).toEqual([]);
}

/** The head's hreflang alternates, as `lang → path`. */
async function hreflang(page: Page) {
  const links = await page.locator('head link[rel=alternate][hreflang]').evaluateAll((ls) =>
    ls.map((l) => [l.getAttribute('hreflang'), new URL(l.getAttribute('href') ?? '').pathname]),
  );
  return Object.fromEntries(links);
}

test('the language switch on the organisation page lands on its counterpart, and back', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/gioi-thieu/co-cau-to-chuc');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.locator('main h1')).toHaveText('Cơ cấu tổ chức');
  // The organisation chart: nested lists, not a picture.
  await expect(page.locator('.article-body li:has(> ul) > ul > li').first()).toBeVisible();
  const toEnglish = page.getByRole('link', { name: 'Switch to English' });
  await expect(toEnglish).toHaveAttribute('lang', 'en');
  await expect(toEnglish).toHaveAttribute('hreflang', 'en');
  await toEnglish.click();
  await expect(page).toHaveURL(/\/en\/about\/organisation$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toHaveText('Organisation');
  await expect(page.locator('.article-body')).toContainText("City People's Committee");
  const toVietnamese = page.getByRole('link', { name: 'Chuyển sang Tiếng Việt' });
  await expect(toVietnamese).toHaveAttribute('lang', 'vi');
  await toVietnamese.click();
  await expect(page).toHaveURL(/\/gioi-thieu\/co-cau-to-chuc$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  expect(errors).toEqual([]);
});

test('English pages have English chrome, lang="en", English dates and correct hreflang', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle(/^Home – City Portal$/);
  await expect(page.locator('.skip-link')).toHaveText('Skip to main content');
  const menu = page.getByRole('navigation', { name: 'Main menu' });
  // (Folded behind the menu button on a phone.)
  await expect(menu.locator('#main-menu > li > a').first()).toHaveText('Home');
  await expect(page.getByRole('heading', { name: 'Latest news' })).toBeVisible();
  await expect(page.locator('.site-footer')).toContainText('Governing body: ');
  await openHeaderPanel(page, 'display');
  await expect(page.getByRole('button', { name: 'High contrast' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Text size' })).toBeVisible();
  expect(await hreflang(page)).toEqual({ en: '/en', vi: '/' });
  // No Vietnamese interface on an English page (its content is English too).
  const chrome = await page.locator('header, footer, .skip-link').allInnerTexts();
  for (const word of ['Trang chủ', 'Danh mục', 'Tương phản', 'Cơ quan chủ quản', 'Liên hệ']) {
    expect(chrome.join(' '), word).not.toContain(word);
  }
  // An English article, reached in the app: English date, tools and announcements.
  await page.locator('.latest .card-title a').first().click();
  await expect(page).toHaveURL(/\/en\/news\/[a-z0-9-]+$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.article-meta')).toHaveText(/^Published \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d/);
  await expect(page.getByRole('button', { name: 'Print this article' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(page.locator('#announcer')).toHaveText(/^Now on: /);
  // A page whose counterpart is a Vietnamese article names it, in the head and in the switch.
  await page.goto('/en/news/bus-routes-linked-to-metro-stations');
  const alternates = await hreflang(page);
  expect(alternates.en).toBe('/en/news/bus-routes-linked-to-metro-stations');
  expect(alternates.vi).toMatch(/^\/thoi-su\/dieu-chinh-14-tuyen-xe-buyt/);
  await expect(page.getByRole('link', { name: 'Chuyển sang Tiếng Việt' })).toHaveAttribute('href', alternates.vi);
  // A page without one switches to the other language's home page, and names no alternates.
  await page.goto('/en/news');
  expect(await hreflang(page)).toEqual({});
  await expect(page.getByRole('link', { name: 'Chuyển sang Tiếng Việt' })).toHaveAttribute('href', '/');
  await expect(page.locator('.count')).toHaveText(/^\d+ articles$/);
  // The Vietnamese pages name their English counterparts too.
  await page.goto('/gioi-thieu/lien-he');
  expect(await hreflang(page)).toEqual({ vi: '/gioi-thieu/lien-he', en: '/en/about/contact' });
  expect(errors).toEqual([]);
});

test('the contacts table reads correctly, each cell named, tel: and mailto: links', async ({ page }, info) => {
  await page.goto('/gioi-thieu/lien-he');
  const table = page.locator('.article-body table');
  await expect(table.locator('caption')).toHaveText(/trang web của các cơ quan/);
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(15);
  const finance = rows.filter({ has: page.locator('th', { hasText: 'Sở Tài chính' }) });
  await expect(finance.locator('a[href^="tel:"]')).toHaveText('024 0000 1023');
  await expect(finance.locator('a[href^="mailto:"]')).toHaveText('sotaichinh@example.gov.vn');
  await expect(finance.locator('a[href^="https://"]')).toHaveCount(1);
  const label = finance.locator('td > span').first();
  if (info.project.name === 'phone') {
    // Stacked at 360 px: the unit, then each cell on its own line with its column's name.
    const tops = await finance.locator('th, td').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().top));
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    expect(new Set(tops).size).toBe(tops.length);
    await expect(label).toBeVisible();
    await expect(label).toHaveText('Địa chỉ: ');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  } else {
    // Beside the column headers the names would repeat them.
    await expect(label).toBeHidden();
    await expect(table.locator('thead th')).toHaveText(['Cơ quan, đơn vị', 'Địa chỉ', 'Điện thoại', 'Thư điện tử', 'Trang web']);
  }
});

test('axe finds nothing on the portal own pages and the English pages', async ({ page }) => {
  // Thirteen pages with an audit each: 20–28 s on a 2-core machine, too close to the default 30 s.
  test.setTimeout(90_000);
  const english = ['/en', '/en/news', '/en/news/night-time-economy-pilot-streets', '/en/about', '/en/about/organisation', '/en/about/leaders', '/en/about/departments-districts', '/en/about/contact'];
  const vietnamese = ['/gioi-thieu', '/gioi-thieu/co-cau-to-chuc', '/gioi-thieu/lanh-dao', '/gioi-thieu/so-nganh-quan-huyen', '/gioi-thieu/lien-he'];
  for (const path of [...english, ...vietnamese]) {
    await page.goto(path);
    await expect(page.locator('main h1')).toHaveText(/./);
    await expect(page.locator('html')).toHaveAttribute('lang', path.startsWith('/en') ? 'en' : 'vi');
    await axe(page, path);
  }
});

test('the leaders page shows each leader with title and portrait; the section lists its pages', async ({ page }) => {
  await page.goto('/en/about/leaders');
  const leaders = page.locator('.article-body li:has(> img)');
  expect(await leaders.count()).toBeGreaterThanOrEqual(4);
  await expect(leaders.first().locator('img')).toHaveAttribute('alt', /^Portrait of /);
  await expect(leaders.first().locator('h2')).toHaveText(/\S/);
  await expect(leaders.first().locator('p')).toHaveText(/Committee|Council/);
  const section = page.getByRole('navigation', { name: 'In this section' });
  await expect(section.getByRole('link')).toHaveCount(6);
  await expect(section.getByRole('link', { name: 'City leaders' })).toHaveAttribute('aria-current', 'page');
  // Districts and departments link to their own sites.
  await section.getByRole('link', { name: 'Departments and districts' }).click();
  await expect(page).toHaveURL(/\/en\/about\/departments-districts$/);
  await expect(page.getByRole('heading', { name: 'Districts', exact: true })).toBeVisible();
  await expect(page.locator('.article-body a[href="https://badinh.example.gov.vn"]')).toHaveText('Ba Dinh District');
});

test('the menu reaches the portal own pages in both languages', async ({ page }) => {
  await page.goto('/');
  await page.locator('.menu a[href="/gioi-thieu/lien-he"]').dispatchEvent('click');
  await expect(page).toHaveURL(/\/gioi-thieu\/lien-he$/);
  await expect(page.locator('main h1')).toHaveText('Liên hệ');
  await page.goto('/en');
  await page.locator('.menu a[href="/en/about"]').dispatchEvent('click');
  await expect(page).toHaveURL(/\/en\/about$/);
  await expect(page.locator('main h1')).toHaveText('About the portal');
});

test('read aloud picks the page language', async ({ page }) => {
  const log = await fakeSpeech(page);
  await page.goto('/en/news/night-time-economy-pilot-streets');
  await page.getByRole('button', { name: 'Listen to this article' }).click();
  // The language of each part spoken.
  const spoken = (await log()).filter((l) => l.startsWith('speak ')).map((l) => l.split(' ')[1]);
  expect(spoken.length).toBeGreaterThan(2);
  // Every part in English (the voice is the first of the browser's that speaks it, if any).
  expect(new Set(spoken)).toEqual(new Set(['en-GB']));
});

test('a widget with lang=en shows the English news and links to the English pages', async ({ page }) => {
  await page.goto('/nhung/noi-bat?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const links = page.locator('.widget-list a');
  await expect(links.first()).toBeVisible();
  for (const href of await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
    expect(href).toMatch(new RegExp(`^${ORIGIN}:\\d+/en/news/`));
  }
  await expect(page.locator('.widget-more a')).toHaveText('More on the portal');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the English and the portal own pages are prerendered with their language', async ({ page }) => {
    await page.goto('/en/about/contact');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('main h1')).toHaveText('Contact');
    await expect(page.locator('.article-body a[href^="mailto:"]').first()).toBeVisible();
    await page.getByRole('link', { name: 'Chuyển sang Tiếng Việt' }).click();
    await expect(page).toHaveURL(/\/gioi-thieu\/lien-he$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  });
});
