import { test, expect, type Page } from './fixtures';

// Issue 25: on a phone (360 × 740) the header leaves the first screen to the page. It is at most
// 120 px in both languages; with text at 200 % its tools wrap under the brand, and the page still
// starts in the first half of the screen. Nothing of the header is lost: the display controls and
// the search box are one tap away (a button each), the language link is there, all by keyboard.
test.use({ viewport: { width: 360, height: 740 } });

const article = '/thoi-su/dieu-chinh-14-tuyen-xe-buyt-ket-noi-cac-nha-ga-duong-sat-do-thi-tu-ngay-1-12';
const headerHeight = (page: Page) => page.locator('.site-header').evaluate((h) => h.getBoundingClientRect().height);
const titleTop = (page: Page) => page.locator('main h1').evaluate((h) => h.getBoundingClientRect().top);

for (const [lang, path] of [['Vietnamese', article], ['English', '/en/news']]) {
  test(`the header takes at most 120 px at 360 px (${lang}), the title starts in the first screen`, async ({ page }) => {
    await page.goto(path);
    expect(await headerHeight(page)).toBeLessThanOrEqual(120);
    expect(await titleTop(page)).toBeLessThan(740 / 2);
    await expect(page.locator('.lang-switch')).toBeVisible();
  });
}

test('with text at 200 % the header wraps and the page still starts in the first half of the screen', async ({ page }) => {
  await page.goto(article);
  // What a reader's browser setting does: the root font size (CSSOM, allowed by the CSP).
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  const height = await headerHeight(page);
  expect(height).toBeGreaterThan(120); // it did grow with the text
  expect(height).toBeLessThanOrEqual(300);
  expect(await page.locator('main').evaluate((m) => m.getBoundingClientRect().top)).toBeLessThan(740 / 2);
  // Nothing overflows the screen sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('phone: the display controls are one tap away, by keyboard too, and Escape folds them', async ({ page }) => {
  await page.goto(article);
  const toggle = page.getByRole('button', { name: 'Cỡ chữ và tương phản' });
  const larger = page.getByRole('button', { name: 'A++ (cỡ chữ rất lớn)' });
  await expect(larger).toBeHidden();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'A (cỡ chữ thường)' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(larger).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-text-size', '2');
  await page.keyboard.press('Escape');
  await expect(larger).toBeHidden();
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});

test('phone: the search box is one tap away, its field focused, and searches', async ({ page }) => {
  await page.goto(article);
  const field = page.locator('#header-q');
  await expect(field).toBeHidden();
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await expect(field).toBeFocused();
  await field.fill('xe buýt');
  await field.press('Enter');
  await expect(page).toHaveURL(/\/tim-kiem\?q=xe/);
  await expect(page.locator('main h1')).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('phone: the search button is a link that opens the search box', async ({ page }) => {
    await page.goto(article);
    expect(await headerHeight(page)).toBeLessThanOrEqual(120);
    await expect(page.locator('#header-q')).toBeHidden();
    await page.locator('a.search-toggle').click();
    await expect(page.locator('#header-q')).toBeVisible();
  });
});
