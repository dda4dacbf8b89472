import { test, expect, type Page } from './fixtures';
import { execFileSync } from 'node:child_process';
import { RECEIVER_DB, TODAY } from '../../playwright.config';

// Nothing a citizen types is lost, and what is sent is recorded once (issue 27): the receiver
// failing, timing out, refusing for a while, the network gone, a double tap, a reload while
// typing. Each ends by reading the database back.

const RECEIVER = 'target/debug/portal-receiver';
const ENDPOINT = '**/api/v1/submissions/comments';

type Row = { key: string; reference: string; body: Record<string, unknown> };
const recorded = (text: string): Row[] =>
  (JSON.parse(execFileSync(RECEIVER, ['dump', '--db', RECEIVER_DB], { encoding: 'utf8' })) as Row[]).filter((r) => r.body.comment === text);
const unique = (what: string) => `${what} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

async function openForm(page: Page) {
  const doc = await (await page.request.get('/api/v1/consultations/index.json')).json();
  const open = doc.items.find((c: { opens: string; closes: string }) => c.opens <= TODAY && c.closes >= TODAY);
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+07:00`));
  await page.goto(`/lay-y-kien/${open.slug}`);
  await expect(page.getByLabel('Nội dung góp ý')).toBeVisible();
}

async function fill(page: Page, text: string) {
  await page.getByLabel('Nội dung góp ý').fill(text);
  await page.getByLabel('Họ và tên').fill('Lê Văn Bình');
  await page.getByRole('checkbox').check();
}

const send = (page: Page) => page.getByRole('button', { name: /^(Gửi|Gửi lại)$/ }).click();

async function expectKept(page: Page, text: string) {
  await expect(page.getByLabel('Nội dung góp ý')).toHaveValue(text);
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Lê Văn Bình');
  await expect(page.getByRole('checkbox')).toBeChecked();
}

async function expectReceipt(page: Page, text: string) {
  const receipt = page.locator('#form-receipt');
  await expect(receipt).toBeVisible();
  const reference = await receipt.locator('.reference').textContent();
  const rows = recorded(text);
  expect(rows, 'recorded exactly once').toHaveLength(1);
  expect(rows[0].reference).toBe(reference);
}

test('the receiver failing (500): said in words, every field kept, a retry records it once', async ({ page }) => {
  await openForm(page);
  const text = unique('Góp ý khi máy chủ lỗi');
  await fill(page, text);
  await page.route(ENDPOINT, (r) => r.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"server"}' }), { times: 1 });
  await send(page);
  await expect(page.locator('.form-failed')).toHaveText(/Chưa gửi được do lỗi máy chủ \(500\)\. Nội dung vẫn được giữ nguyên\./);
  await expectKept(page, text);
  expect(recorded(text)).toHaveLength(0);
  await send(page);
  await expectReceipt(page, text);
});

test('the host unreachable on the way (connection refused): the same, then a retry once it is back', async ({ page }) => {
  await openForm(page);
  const text = unique('Góp ý khi máy chủ tắt');
  await fill(page, text);
  await page.route(ENDPOINT, (r) => r.abort('connectionrefused'), { times: 1 });
  await send(page);
  await expect(page.locator('.form-failed')).toContainText('không kết nối được máy chủ');
  await expectKept(page, text);
  await send(page);
  await expectReceipt(page, text);
});

test('a timeout after the receiver recorded it: the retry is the same submission, recorded once', async ({ page }) => {
  await page.addInitScript(() => {
    // A short time limit for this test (a deployment may set one too).
    document.addEventListener('DOMContentLoaded', () => {
      const m = document.createElement('meta');
      m.name = 'portal-api-timeout';
      m.content = '1500';
      document.head.append(m);
    });
  });
  await openForm(page);
  const text = unique('Góp ý khi quá thời gian');
  await fill(page, text);
  // The request reaches the receiver, its answer never reaches the page.
  await page.route(ENDPOINT, async (r) => {
    await r.fetch();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await r.abort('timedout').catch(() => {});
  }, { times: 1 });
  await send(page);
  await expect(page.locator('.form-failed')).toContainText('máy chủ trả lời quá lâu', { timeout: 10_000 });
  expect(recorded(text), 'the first attempt was recorded').toHaveLength(1);
  await expectKept(page, text);
  await send(page);
  await expectReceipt(page, text);
});

test('too many (429): says when to try again, keeps everything, and the retry records once', async ({ page }) => {
  await openForm(page);
  const text = unique('Góp ý khi bị giới hạn');
  await fill(page, text);
  await page.route(ENDPOINT, (r) => r.fulfill({ status: 429, headers: { 'Retry-After': '30' }, contentType: 'application/json', body: '{"retry_after":30}' }), { times: 1 });
  await send(page);
  await expect(page.locator('.form-failed')).toContainText('Hãy thử lại sau 30 giây');
  await expectKept(page, text);
  await send(page);
  await expectReceipt(page, text);
});

test('a double tap records one comment', async ({ page }) => {
  await openForm(page);
  const text = unique('Góp ý bấm hai lần');
  await fill(page, text);
  // A slow answer, so the second tap lands while the first is in flight.
  await page.route(ENDPOINT, async (r) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await r.continue();
  });
  // The button's words change while sending ("Đang gửi…"): it is found by what it is.
  const button = page.locator('form.citizen-form-fields button[type="submit"]');
  await button.dblclick();
  await button.click({ timeout: 2_000 }).catch(() => {});
  await page.keyboard.press('Enter');
  await expectReceipt(page, text);
});

test('a reload in the middle of typing brings the text back', async ({ page }) => {
  await openForm(page);
  const text = unique('Góp ý đang gõ dở\n\nđoạn hai');
  await fill(page, text);
  await page.reload();
  await expect(page.locator('.form-restored')).toBeVisible();
  await expectKept(page, text);
  await send(page);
  await expectReceipt(page, text);
});

test('written offline: it waits, goes by itself once the connection returns, and says it went', async ({ page, context }) => {
  await openForm(page);
  const text = unique('Góp ý viết khi mất mạng');
  await fill(page, text);
  await context.setOffline(true);
  await send(page);
  await expect(page.locator('.form-waiting')).toContainText('tự động được gửi khi có mạng trở lại');
  await expectKept(page, text);
  expect(recorded(text)).toHaveLength(0);
  // The tab closes and is opened again, still offline, then once back online: the text and its
  // promise stay, and it goes. (A reload while offline could leave the old page alive, which would
  // send it itself when the connection returned: a closed tab cannot.)
  const address = page.url();
  await page.close();
  const again = await context.newPage();
  await again.goto(address).catch(() => {});
  await context.setOffline(false);
  await again.goto(address);
  await expect(again.locator('#form-receipt')).toContainText('Nội dung chưa gửi được lúc trước nay đã được gửi thành công');
  await expectReceipt(again, text);
});

test('offline while the page stays open: sent when the connection returns, exactly once', async ({ page, context }) => {
  await openForm(page);
  const text = unique('Góp ý chờ mạng');
  await fill(page, text);
  await context.setOffline(true);
  await send(page);
  await expect(page.locator('.form-waiting')).toBeVisible();
  await context.setOffline(false);
  await expect(page.locator('#form-receipt')).toContainText('Nội dung chưa gửi được lúc trước nay đã được gửi thành công');
  await expectReceipt(page, text);
});

test('the receiver really down, then restarted: said in words, kept, and recorded once after the restart', async ({ page }) => {
  test.setTimeout(90_000);
  const { spawn } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'portal-receiver-'));
  const db = join(dir, 'receiver.db');
  const start = () => spawn(RECEIVER, ['serve', '--db', db, '--api', 'dist/api/v1', '--listen', '127.0.0.1:4202', '--today', TODAY], { stdio: 'ignore' });
  const answers = (url: string) => fetch(url).then(() => true, () => false);
  const up = async (url = 'http://127.0.0.1:4202/api/v1/submissions/questions/HD-00000000') => {
    for (let i = 0; i < 300; i++) {
      if (await answers(url)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const host = spawn('node', ['tests/e2e/server.mjs', '--port', '4201', '--root', 'dist', '--receiver', 'http://127.0.0.1:4202'], { stdio: 'ignore' });
  let receiver = start();
  try {
    await up();
    await up('http://127.0.0.1:4201/index.html');
    const doc = await (await page.request.get('http://127.0.0.1:4201/api/v1/consultations/index.json')).json();
    const open = doc.items.find((c: { opens: string; closes: string }) => c.opens <= TODAY && c.closes >= TODAY);
    await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+07:00`));
    await page.goto(`http://127.0.0.1:4201/lay-y-kien/${open.slug}`);
    const text = unique('Góp ý khi máy nhận tắt thật');
    await fill(page, text);
    await new Promise<void>((resolve) => {
      receiver.once('exit', () => resolve());
      receiver.kill();
    });
    await send(page);
    // The host answers for the receiver it cannot reach (502).
    await expect(page.locator('.form-failed')).toContainText('Chưa gửi được do lỗi máy chủ (502)');
    await expectKept(page, text);
    receiver = start();
    await up();
    await send(page);
    await expect(page.locator('#form-receipt')).toBeVisible();
    const rows = (JSON.parse(execFileSync(RECEIVER, ['dump', '--db', db], { encoding: 'utf8' })) as Row[]).filter((r) => r.body.comment === text);
    expect(rows).toHaveLength(1);
    await expect(page.locator('#form-receipt .reference')).toHaveText(rows[0].reference);
  } finally {
    host.kill();
    receiver.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sent at once after typing: the form gives way to the receipt and nothing fails behind it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openForm(page);
  const text = unique('Góp ý gửi ngay');
  await page.getByLabel('Họ và tên').fill('Lê Văn Bình');
  await page.getByRole('checkbox').check();
  // The character count speaks a second after typing stops; the field is gone by then.
  await page.getByLabel('Nội dung góp ý').fill(text);
  await send(page);
  await expectReceipt(page, text);
  await page.waitForTimeout(1_500);
  expect(errors).toEqual([]);
  await expect(page.locator('#form-receipt')).toBeVisible();
});
