import { test, expect, type Page } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { expectPage, fakeSpeech, olderPage, openHeaderPanel, openMenuItem, screenshot, watchConsole } from './helpers';

// axe-core's tags are not cumulative: every level must be listed.
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function articlePath(page: Page, category = 'thoi-su') {
  const doc = await (await page.request.get(`/api/v1/categories/${category}/index.json`)).json();
  const item = doc.page.items[0];
  return { path: `/${item.category.slug}/${item.slug}`, title: item.title as string };
}

async function audit(page: Page, label: string) {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = result.violations.map(
    (v) => `${label}: ${v.id} (${v.impact}) ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + n.failureSummary?.split('\n')[1]).join('\n  ')}`,
  );
  expect(summary, summary.join('\n')).toEqual([]);
  expect(result.passes.length).toBeGreaterThan(10);
}

async function openMenu(page: Page) {
  const toggle = page.getByRole('button', { name: 'Danh mục' });
  if (await toggle.isVisible()) await toggle.click();
  await page.getByRole('button', { name: 'Mục con của Tin tức – Sự kiện' }).click();
  await expect(page.getByRole('link', { name: 'Thời sự', exact: true })).toBeVisible();
}

// One test per page and theme: each audit takes seconds on a slow host, and a failure names its page.
const audited: [string, (page: Page) => Promise<string>, (page: Page) => Promise<void>][] = [
  ['home', async () => '/', async (page) => void (await expect(page.locator('.latest .card').first()).toBeVisible())],
  ['category', async () => '/tin-tuc-su-kien', async (page) => void (await expect(page.locator('.category .card').first()).toBeVisible())],
  ['article', async (page) => (await articlePath(page)).path, async (page) => void (await expect(page.locator('.article-body p').first()).toBeVisible())],
  ['not-found', async () => '/khong/co/trang-nay', async (page) => void (await expect(page.locator('main h1')).toHaveText('Không tìm thấy trang'))],
];

for (const theme of ['normal', 'high']) {
  test.describe(`axe finds no WCAG 2.2 AA violation (${theme} contrast)`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('portal-display', JSON.stringify({ size: 0, contrast: t })), theme);
    });
    for (const [label, path, ready] of audited) {
      test(label, async ({ page }, info) => {
        await page.goto(await path(page));
        await ready(page);
        await expect(page.locator('html')).toHaveAttribute('data-contrast', theme);
        await audit(page, `${label} (${theme})`);
        if (theme === 'high' && label !== 'not-found') await screenshot(page, info, `contrast-${label}`);
      });
    }
    test('menu open', async ({ page }) => {
      await page.goto('/');
      await expect(page.locator('.latest .card').first()).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-contrast', theme);
      await openMenu(page);
      await audit(page, `menu open (${theme})`);
    });
  });
}

/** Presses Tab until `check` holds for the focused element (at most `max` presses). */
async function tabTo(page: Page, describe: string, check: (el: Element) => boolean, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const active = await page.evaluateHandle(() => document.activeElement ?? document.body);
    if (await active.evaluate(check)) return;
  }
  throw new Error(`Tab never reached ${describe}`);
}

const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return { tag: el?.tagName.toLowerCase(), text: el?.textContent?.trim(), id: el?.id, label: el?.getAttribute('aria-label') };
});

const said = (page: Page) => page.locator('#announcer');

test('keyboard only: skip link, menu, sub-category, article, back', async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await expect(page.locator('.latest .card').first()).toBeVisible();

  // The skip link is the first thing Tab reaches, and it moves focus to main.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Bỏ qua để tới nội dung chính' });
  await expect(page.locator('.skip-link')).toBeInViewport();
  await page.keyboard.press('Enter');
  expect((await focused(page)).id).toBe('main');

  // The menu: on phones behind its button; sub-categories behind a disclosure.
  await page.evaluate(() => (document.activeElement as HTMLElement).blur());
  await page.keyboard.press('Home');
  const menuButton = page.getByRole('button', { name: 'Danh mục' });
  if (await menuButton.isVisible()) {
    await tabTo(page, 'the menu button', (el) => el.textContent?.trim() === 'Danh mục');
    await page.keyboard.press('Enter');
    await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    // Escape closes it and gives focus back to the button; Enter opens it again.
    await page.keyboard.press('Escape');
    await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    expect((await focused(page)).text).toBe('Danh mục');
    await page.keyboard.press('Enter');
    await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  }
  const sub = page.getByRole('button', { name: 'Mục con của Tin tức – Sự kiện' });
  await tabTo(page, 'the sub-menu toggle', (el) => el.getAttribute('aria-label') === 'Mục con của Tin tức – Sự kiện');
  await expect(sub).toHaveAttribute('aria-controls', 'submenu-tin-tuc-su-kien');
  await page.keyboard.press('Enter');
  await expect(sub).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(sub).toHaveAttribute('aria-expanded', 'false');
  expect((await focused(page)).label).toBe('Mục con của Tin tức – Sự kiện');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Thời sự' });

  // Open the sub-category: focus lands on its h1 and the change is announced.
  await page.keyboard.press('Enter');
  await expectPage(page, /\/thoi-su$/, 'Thời sự', /^Thời sự – /);
  await expect.poll(async () => (await focused(page)).tag).toBe('h1');
  await expect(said(page)).toHaveText('Đã chuyển tới: Thời sự');
  await expect(page.locator('.submenu a', { hasText: 'Thời sự' })).toHaveAttribute('aria-current', 'page');

  // Open the first article from the list.
  await tabTo(page, 'the first article', (el) => !!el.closest('.category .card-title'));
  const title = (await focused(page)).text!;
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toHaveText(title);
  await expect.poll(async () => (await focused(page)).text).toBe(title);
  await expect(said(page)).toHaveText(`Đã chuyển tới: ${title}`);

  // Back: the category again, focus on its h1, announced.
  await page.goBack();
  await expectPage(page, /\/thoi-su$/, 'Thời sự', /^Thời sự – /);
  await expect.poll(async () => (await focused(page)).tag).toBe('h1');
  await expect(said(page)).toHaveText('Đã chuyển tới: Thời sự');
  expect(errors).toEqual([]);
});

test('keyboard only: a category\'s older articles keep focus on the pager and are announced', async ({ page }) => {
  const older = olderPage();
  await page.goto('/tin-tuc-su-kien');
  await expect(page.locator('.category .card').first()).toBeVisible();
  await tabTo(page, 'the older-articles link', (el) => el.getAttribute('rel') === 'next', 120);
  const firstTitle = await page.locator('.category .card-title').first().textContent();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/trang\/1$/);
  await expect(page.locator('.category .card-title').first()).not.toHaveText(firstTitle!);
  // The oldest page has no older link: focus goes to the pager's other one.
  await expect.poll(async () => (await focused(page)).text).toBe('‹ Bài mới hơn');
  await expect(said(page)).toHaveText(`Đã tải ${older.title}`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/tin-tuc-su-kien$/);
  await expect.poll(async () => (await focused(page)).text).toBe('Bài cũ hơn ›');
  await expect(said(page)).toHaveText('Đã tải Tin tức – Sự kiện');
});

test('keyboard only: the next page of the register keeps focus on the pager', async ({ page }) => {
  await page.goto('/van-ban');
  await expect(page.locator('html[data-app="on"]')).toHaveCount(1);
  await tabTo(page, 'the next-page link', (el) => el.getAttribute('rel') === 'next', 160);
  const first = await page.locator('.register-table tbody tr').first().textContent();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/trang=2$/);
  await expect(page.locator('.register-table tbody tr').first()).not.toHaveText(first!);
  await expect.poll(async () => (await focused(page)).text).toBe('Trang sau ›');
  // On the last page "next" is gone: focus goes to the current page's link.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/trang=3$/);
  await expect.poll(async () => (await focused(page)).label).toBe('Trang 3');
});

test('focus is never trapped and always visible', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.latest .card').first()).toBeVisible();
  // Tab through the whole page: every stop shows an indicator, the footer is reached, and focus
  // comes round to the skip link again (nothing holds it).
  const seen: string[] = [];
  let cycled = false;
  for (let i = 0; i < 250 && !cycled; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { key: el.outerHTML.slice(0, 90), body: el === document.body, outline: style.outlineStyle, shadow: style.boxShadow, skip: el.classList.contains('skip-link') };
    });
    if (info.body) continue;
    if (info.skip && seen.length > 0) cycled = true;
    else {
      expect(info.outline !== 'none' || info.shadow !== 'none', `no focus indicator on ${info.key}`).toBeTruthy();
      seen.push(info.key);
    }
  }
  expect(cycled, 'Tab came back round to the skip link').toBe(true);
  expect(seen.some((k) => k.includes('mailto:ttlan'))).toBe(true);
});

test('the article page exposes landmarks, headings and named controls', async ({ page }) => {
  await page.goto('/thoi-su/mo-rong-khong-gian-di-bo-quanh-khu-pho-co-vao-cac-toi-cuoi-tuan');
  await expect(page.locator('.article-body p').first()).toBeVisible();
  await openHeaderPanel(page, 'display');
  await expect(page.locator('body')).toMatchAriaSnapshot(`
    - link "Bỏ qua để tới nội dung chính"
    - banner:
      - link /Cổng Thông tin điện tử Thành phố/
      - group "Cỡ chữ":
        - button "A (cỡ chữ thường)" [pressed]
        - button "A+ (cỡ chữ lớn)"
        - button "A++ (cỡ chữ rất lớn)"
      - button "Tương phản cao"
      - link "Switch to English"
      - navigation "Danh mục chính"
    - main:
      - navigation "Đường dẫn":
        - list:
          - listitem:
            - link "Trang chủ"
          - listitem:
            - link "Tin tức – Sự kiện"
          - listitem:
            - link "Thời sự"
          - listitem: /Mở rộng không gian đi bộ/
      - article "Mở rộng không gian đi bộ quanh khu phố cổ vào các tối cuối tuần":
        - heading "Mở rộng không gian đi bộ quanh khu phố cổ vào các tối cuối tuần" [level=1]
        - paragraph:
          - time: /\\d\\d\\/\\d\\d\\/\\d{4} \\| \\d\\d:\\d\\d (AM|PM)/
        - button "In bài viết"
        - button "Nghe đọc bài viết"
        - button "Dừng đọc" [disabled]
        - button "Sao chép liên kết"
        - status
        - paragraph
        - heading "Từ khóa" [level=2]
        - paragraph:
          - link "Thời sự"
      - region "Bài viết liên quan":
        - heading "Bài viết liên quan" [level=2]
        - list
    - contentinfo:
      - region /Cổng Thông tin điện tử Thành phố/:
        - heading /Cổng Thông tin điện tử Thành phố/ [level=2]
      - region "Liên hệ":
        - heading "Liên hệ" [level=2]
  `);
});

test('text size and contrast are remembered and applied before the app runs', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.latest .card').first()).toBeVisible();
  const base = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await openHeaderPanel(page, 'display');
  await page.getByRole('button', { name: 'A++ (cỡ chữ rất lớn)' }).click();
  await expect(page.getByRole('button', { name: 'A++ (cỡ chữ rất lớn)' })).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeCloseTo(base * 1.25, 1);
  await page.getByRole('button', { name: 'Tương phản cao' }).click();
  await expect(page.getByRole('button', { name: 'Tương phản cao' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  // Reload with the app blocked: prefs.js alone must apply both choices.
  await page.route('**/*.wasm', (r) => r.abort());
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', '2');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)');
});

test('system preferences: more contrast and reduced motion are honoured', async ({ page }) => {
  await page.emulateMedia({ contrast: 'more', reducedMotion: 'reduce' });
  // The first page is prerendered (no skeleton): the skeleton shows on the way to the next page,
  // held long enough to see it.
  await page.route('**/api/v1/categories/**', async (r) => { await new Promise((res) => setTimeout(res, 3000)); await r.continue(); });
  await page.goto('/');
  await expect(page.locator('html[data-app="on"]')).toHaveCount(1);
  await openMenuItem(page, 'Văn bản pháp luật');
  const line = page.locator('.skeleton-line').first();
  await expect(line).toBeVisible();
  expect(await line.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  await expect(page.locator('main h1')).toHaveText('Văn bản pháp luật');
  expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)');
  await openHeaderPanel(page, 'display');
  await expect(page.getByRole('button', { name: 'Tương phản cao' })).toHaveAttribute('aria-pressed', 'true');
});

test('read aloud: speaks the article in Vietnamese, pauses, resumes and stops', async ({ page }) => {
  const log = await fakeSpeech(page);
  const art = await articlePath(page);
  await page.goto(art.path);
  await expect(page.locator('.article-body p').first()).toBeVisible();
  const listen = page.getByRole('button', { name: 'Nghe đọc bài viết' });
  await listen.click();
  expect((await log()).find((l) => l.startsWith('speak'))).toBe(`speak vi-VN ${art.title.slice(0, 40)}`);
  expect((await log()).filter((l) => l.startsWith('speak')).length).toBeGreaterThan(3);
  await page.getByRole('button', { name: 'Tạm dừng đọc' }).click();
  expect((await log()).at(-1)).toBe('pause');
  await page.getByRole('button', { name: 'Tiếp tục đọc' }).click();
  expect((await log()).at(-1)).toBe('resume');
  await page.getByRole('button', { name: 'Dừng đọc', exact: true }).click();
  expect((await log()).at(-1)).toBe('cancel');
  await expect(listen).toBeFocused();
});

test('read aloud is not offered where the browser cannot speak', async ({ page }) => {
  await page.addInitScript(() => {
    delete (Window.prototype as any).speechSynthesis;
    delete (window as any).speechSynthesis;
  });
  const art = await articlePath(page);
  await page.goto(art.path);
  await expect(page.locator('.article-body p').first()).toBeVisible();
  expect(await page.evaluate(() => 'speechSynthesis' in window)).toBe(false);
  await expect(page.getByRole('button', { name: 'In bài viết' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nghe đọc bài viết' })).toHaveCount(0);
});

test('reflow: usable at 320 CSS px (400 % zoom) without horizontal scrolling', async ({ page }, info) => {
  await page.setViewportSize({ width: 320, height: 256 });
  await page.addInitScript(() => localStorage.setItem('portal-display', JSON.stringify({ size: 2, contrast: 'normal' })));
  const art = await articlePath(page, 'ke-hoach');
  for (const path of ['/', '/tin-tuc-su-kien', art.path, '/khong/co']) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeAttached();
    await page.waitForTimeout(200);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    if (path === art.path) await screenshot(page, info, 'zoom400-article-large-text');
  }
});
