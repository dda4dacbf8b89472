import { test, expect, type Frame } from './fixtures';
import AxeBuilder from '@axe-core/playwright';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const DISTRICT = `http://127.0.0.1:${PORT + 1}/index.html`;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function frameOf(page: import('@playwright/test').Page, boxId: string): Promise<Frame> {
  const handle = await page.locator(`#${boxId} iframe`).elementHandle();
  const frame = await handle!.contentFrame();
  return frame!;
}

test('a district site on another origin embeds widgets that fit, link out and fail alone', async ({ page }) => {
  const hostErrors: string[] = [];
  page.on('pageerror', (e) => hostErrors.push(e.message));
  await page.goto(DISTRICT);
  // The host's own script ran, and the loader (included twice) made exactly one iframe per box.
  await expect(page.locator('#host-status')).toHaveText('Trang của phường đã sẵn sàng.');
  expect(await page.evaluate(() => (window as any).hostScriptRan)).toBe(true);
  await expect(page.locator('iframe')).toHaveCount(3);
  for (const id of ['w-thoi-su', 'w-kinh-te', 'w-broken']) await expect(page.locator(`#${id} iframe`)).toHaveCount(1);
  // The fallback links are hidden once the iframes are in.
  await expect(page.locator('#w-thoi-su > a')).toBeHidden();

  await expect(page.locator('#w-thoi-su iframe')).toHaveAttribute('title', 'Tin mới nhất: Thời sự – Cổng Thông tin điện tử Thành phố');
  await expect(page.locator('#w-kinh-te iframe')).toHaveAttribute('title', 'Tin mới nhất: Kinh tế – Cổng Thông tin điện tử Thành phố');

  const thoiSu = await frameOf(page, 'w-thoi-su');
  await expect(thoiSu.locator('.widget-title')).toHaveText('Tin mới nhất: Thời sự');
  await expect(thoiSu.locator('.widget-source a')).toHaveText(/Cổng Thông tin điện tử Thành phố/);
  await expect(thoiSu.locator('.widget-list li')).toHaveCount(3);
  for (const a of await thoiSu.locator('.widget-list a').all()) {
    await expect(a).toHaveAttribute('target', '_top');
    await expect(a).toHaveAttribute('href', new RegExp(`^http://127\\.0\\.0\\.1:${PORT}/thoi-su/[a-z0-9-]+$`));
  }

  const kinhTe = await frameOf(page, 'w-kinh-te');
  await expect(kinhTe.locator('.widget-list li')).toHaveCount(5);
  await expect(kinhTe.locator('html')).toHaveAttribute('data-widget-theme', 'dark');
  expect(await kinhTe.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim())).toBe('#1f7a3a');
  // The widget app's own stylesheet is there (it once went missing from release builds unnoticed):
  // the dark theme's paper, and lists without bullets.
  expect(await kinhTe.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 24, 28)');
  expect(await kinhTe.locator('.widget-list').evaluate((ul) => getComputedStyle(ul).listStyleType)).toBe('none');
  for (const a of await kinhTe.locator('.widget-list a').all()) {
    await expect(a).toHaveAttribute('target', '_blank');
    await expect(a).toHaveAttribute('rel', 'noopener');
  }

  // The broken box says what is wrong, inside itself.
  const broken = await frameOf(page, 'w-broken');
  await expect(broken.getByRole('alert')).toContainText('Không tìm thấy chuyên mục “chuyen-muc-khong-co”');

  // Every iframe is as tall as its content: no inner scrollbar, no empty tail.
  for (const id of ['w-thoi-su', 'w-kinh-te', 'w-broken']) {
    const frame = await frameOf(page, id);
    await expect
      .poll(async () => {
        const inner = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
        const outer = await page.locator(`#${id} iframe`).evaluate((f) => f.getBoundingClientRect().height);
        return Math.abs(inner - outer);
      }, { message: `${id} height fits its content`, timeout: 15_000 })
      .toBeLessThanOrEqual(1);
    expect(await frame.evaluate(() => document.documentElement.scrollHeight <= document.documentElement.clientHeight)).toBe(true);
  }

  // New placeholders are picked up on demand, and only once.
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'w-late';
    box.setAttribute('data-portal-widget', 'featured');
    box.setAttribute('data-limit', '2');
    document.querySelector('.cols')!.appendChild(box);
    (window as any).PortalWidgets.scan();
    (window as any).PortalWidgets.scan();
  });
  await expect(page.locator('#w-late iframe')).toHaveCount(1);
  const late = await frameOf(page, 'w-late');
  await expect(late.locator('.widget-list li')).toHaveCount(2);
  await expect(page.locator('iframe')).toHaveCount(4);

  // A link in the widget opens the article in the top window.
  const first = thoiSu.locator('.widget-list a').first();
  const title = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${PORT}/thoi-su/`));
  await expect(page.locator('main h1')).toHaveText(title);
  expect(hostErrors).toEqual([]);
});

test('a widget that is not framed by its declared host reports nothing, and forged messages are ignored', async ({ page }) => {
  await page.goto(DISTRICT);
  await expect(page.locator('#w-thoi-su iframe')).toHaveCount(1);
  const frame = await frameOf(page, 'w-thoi-su');
  await expect(frame.locator('.widget-list li')).toHaveCount(3);
  const before = await page.locator('#w-thoi-su iframe').evaluate((f) => f.getBoundingClientRect().height);
  // The host page itself (wrong origin) forges a height message: the loader ignores it.
  await page.evaluate(() => {
    const f = document.querySelector('#w-thoi-su iframe') as HTMLIFrameElement;
    const id = new URL(f.src).searchParams.get('id');
    window.postMessage({ type: 'portal-widget:height', id, height: 999 }, '*');
  });
  await page.waitForTimeout(300);
  expect(await page.locator('#w-thoi-su iframe').evaluate((f) => f.getBoundingClientRect().height)).toBe(before);
});

test('axe finds no violation on the host page or inside the widgets', async ({ page }) => {
  await page.goto(DISTRICT);
  const frame = await frameOf(page, 'w-thoi-su');
  await expect(frame.locator('.widget-list li')).toHaveCount(3);
  await expect((await frameOf(page, 'w-broken')).getByRole('alert')).toBeVisible();
  await expect((await frameOf(page, 'w-kinh-te')).locator('.widget-list li')).toHaveCount(5);
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, summary.join('\n')).toEqual([]);
});

test('the snippet builder previews the widget and gives a snippet to copy', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/nhung');
  await expect(page.locator('main h1')).toHaveText('Nhúng tin của Cổng vào trang web khác');
  await page.getByLabel('Chuyên mục', { exact: true }).selectOption('kinh-te');
  await page.getByLabel('Số bài (1–10)').fill('4');
  await page.getByLabel('Giao diện').selectOption('dark');
  const preview = page.frameLocator('.preview-frame');
  await expect(preview.locator('.widget-title')).toHaveText('Tin mới nhất: Kinh tế');
  await expect(preview.locator('.widget-list li')).toHaveCount(4);
  await expect(page.locator('.preview-frame')).toHaveAttribute('title', 'Tin mới nhất: Kinh tế – Cổng Thông tin điện tử Thành phố');
  const snippet = await page.locator('#w-snippet').inputValue();
  expect(snippet).toContain('data-portal-widget="latest"');
  expect(snippet).toContain('data-category="kinh-te"');
  expect(snippet).toContain('data-limit="4"');
  expect(snippet).toContain('data-theme="dark"');
  expect(snippet).toMatch(/<script src="http:\/\/127\.0\.0\.1:\d+\/nhung\.js" async><\/script>$/);
  await page.getByRole('button', { name: 'Sao chép đoạn mã' }).click();
  await expect(page.getByText('Đã sao chép đoạn mã.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  await page.getByLabel('Tin nổi bật').check();
  await expect(preview.locator('.widget-title')).toHaveText('Tin nổi bật');
  await expect(page.getByLabel('Chuyên mục', { exact: true })).toBeDisabled();
});

test('a district page with one widget transfers at most 60 KB from the portal; a second widget adds only its document', async ({ page }, info) => {
  // Every response from the portal's origin, as the browser received it (compressed, headers in).
  const portal = `http://127.0.0.1:${PORT}/`;
  const seen: { url: string; status: number; cached: boolean; bytes: number; id: string }[] = [];
  const client = await page.context().newCDPSession(page);
  await client.send('Network.enable');
  // Frames of another origin are other targets: follow them too.
  await client.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true });
  const responses = new Map<string, { url: string; status: number; cached: boolean }>();
  const raw = new Map<string, number>();
  const watch = (session: any) => {
    session.on('Network.responseReceived', (e: any) =>
      responses.set(e.requestId, { url: e.response.url, status: e.response.status, cached: !!(e.response.fromDiskCache || e.response.fromMemoryCache || e.response.fromPrefetchCache) }));
    session.on('Network.requestServedFromCache', (e: any) => raw.set(e.requestId, 0));
    // The status the server sent: a revalidated page is a 304 even when the page says 200.
    session.on('Network.responseReceivedExtraInfo', (e: any) => raw.set(e.requestId, e.statusCode));
    session.on('Network.loadingFinished', (e: any) => {
      const r = responses.get(e.requestId);
      if (r && r.url.startsWith(portal)) {
        const status = raw.get(e.requestId) ?? r.status;
        seen.push({ ...r, status, cached: r.cached || status === 0 || e.encodedDataLength === 0, bytes: e.encodedDataLength, id: e.requestId });
      }
    });
  };
  watch(client);
  (client as any).on('Target.attachedToTarget', async (e: any) => {
    const child = (client as any).connection?.().session?.(e.sessionId);
    if (child) {
      watch(child);
      await child.send('Network.enable').catch(() => {});
      await child.send('Runtime.runIfWaitingForDebugger').catch(() => {});
    }
  });
  await page.goto(DISTRICT.replace('index.html', 'one.html'));
  const frame = await frameOf(page, 'w-thoi-su');
  await expect(frame.locator('.widget-list li')).toHaveCount(3);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const first = seen.reduce((a, r) => a + r.bytes, 0);
  const files = seen.map((r) => `${new URL(r.url).pathname} ${r.bytes} B`).join(', ');
  const line = `a district page with one widget: ${(first / 1000).toFixed(1)} KB from the portal (${seen.length} responses: ${files})`;
  console.log(line);
  info.annotations.push({ type: 'transfer', description: line });
  expect(await page.locator('iframe').count()).toBe(1);
  expect(first).toBeLessThanOrEqual(60_000);
  expect(seen.some((r) => r.url.includes('/api/v1/widgets/moi-nhat/thoi-su.json'))).toBe(true);

  // A second widget on the same page: its page and files come from the cache (the page at most
  // revalidated, with no body); only its own document is transferred.
  const before = seen.length;
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'w-second';
    box.setAttribute('data-portal-widget', 'latest');
    box.setAttribute('data-category', 'kinh-te');
    document.body.appendChild(box);
    (window as any).PortalWidgets.scan();
  });
  const second = await frameOf(page, 'w-second');
  await expect(second.locator('.widget-list li')).toHaveCount(5);
  await page.waitForTimeout(500);
  const added = seen.slice(before).filter((r) => !r.cached && r.status !== 304);
  console.log(`a second widget: ${added.map((r) => `${new URL(r.url).pathname} ${r.bytes} B`).join(', ')}`);
  expect(added.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/widgets/moi-nhat/kinh-te.json']);

  const loader = await page.request.get(`http://127.0.0.1:${PORT}/nhung.js`, { headers: { 'accept-encoding': 'gzip' } });
  const loaderGzip = Number((await loader.headersArray()).find((h) => h.name.toLowerCase() === 'content-length')?.value ?? 0);
  expect(loaderGzip).toBeLessThan(3072);
});

test('a link to the snippet builder inside the portal opens the widget app', async ({ page }) => {
  await page.goto('/thoi-su');
  await expect(page.locator('main h1')).toHaveText('Thời sự');
  // The portal's router takes the click; the page must still end up in the other app.
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/nhung';
    a.textContent = 'Nhúng tin';
    a.id = 'to-builder';
    document.querySelector('main')!.append(a);
  });
  await page.locator('#to-builder').click();
  await expect(page).toHaveURL(/\/nhung$/);
  await expect(page.locator('main h1')).toHaveText('Nhúng tin của Cổng vào trang web khác');
  // Back returns to the portal page.
  await page.goBack();
  await expect(page.locator('main h1')).toHaveText('Thời sự');
});

test('portal links on the snippet builder page open the portal', async ({ page }) => {
  await page.goto('/nhung');
  await expect(page.locator('main h1')).toHaveText('Nhúng tin của Cổng vào trang web khác');
  await page.locator('.header-inner > a').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.latest .card').first()).toBeVisible();
  await expect(page.getByText('Không tìm thấy trang')).toHaveCount(0);
});

test('bad parameters are named in the widget own box, in Vietnamese; the fragment works as the query', async ({ page }) => {
  await page.goto('/nhung/moi-nhat?category=thoi-su&limit=50&theme=blue&accent=red&target=side&lang=fr');
  const alert = page.getByRole('alert');
  await expect(alert.locator('.widget-title')).toHaveText('Tiện ích không hiển thị được');
  await expect(alert.locator('li')).toHaveText([
    'Số lượng “50” phải từ 1 đến 10.',
    'Giao diện “blue” không hợp lệ (light hoặc dark).',
    'Màu nhấn “red” phải có dạng #rrggbb.',
    'Ngôn ngữ “fr” không hợp lệ (vi hoặc en).',
    'Cách mở liên kết “side” không hợp lệ (top hoặc new).',
  ]);
  await page.goto('/nhung/khac#id=x');
  await expect(page.getByRole('alert').locator('li')).toHaveText(['Loại tiện ích không tồn tại (moi-nhat hoặc noi-bat).']);
  // The same parameters in the fragment (as the loader writes them) work as in the query.
  await page.goto('/nhung/moi-nhat#category=kinh-te&limit=2&lang=vi');
  await expect(page.locator('.widget-list li')).toHaveCount(2);
  await expect(page.locator('.widget-title')).toHaveText('Tin mới nhất: Kinh tế');
});
