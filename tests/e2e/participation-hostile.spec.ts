import { test, expect, type Page } from './fixtures';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { RECEIVER_DB, TODAY } from '../../playwright.config';

// Hostile input through every field of both forms (issue 27): the XSS corpus, 10,000 characters,
// right-to-left marks, emoji, NFD text. Nothing runs, nothing breaks the page, the receiver stores
// exactly what was typed (NFC), read back from the database and from the receipt; the honeypot
// stops a naive bot.

const RECEIVER = 'target/debug/portal-receiver';
const PAYLOADS: string[] = JSON.parse(readFileSync('tests/e2e/xss-payloads.json', 'utf8'));
type Row = { reference: string; body: Record<string, unknown> };
const dump = (): Row[] => JSON.parse(execFileSync(RECEIVER, ['dump', '--db', RECEIVER_DB], { encoding: 'utf8' }));
const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

async function guard(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A panic's own words (console_error_panic_hook) name what failed.
  page.on('console', (m) => m.type() === 'error' && /panicked/.test(m.text()) && errors.push(m.text()));
  return async () => {
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  };
}

async function openConsultation(page: Page) {
  const doc = await (await page.request.get('/api/v1/consultations/index.json')).json();
  const open = doc.items.find((c: { opens: string; closes: string }) => c.opens <= TODAY && c.closes >= TODAY);
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+07:00`));
  await page.goto(`/lay-y-kien/${open.slug}`);
}

async function sendComment(page: Page, values: { comment: string; name: string; organisation: string }) {
  await openConsultation(page);
  await page.getByLabel('Nội dung góp ý').fill(values.comment);
  await page.getByLabel('Họ và tên').fill(values.name);
  await page.getByLabel(/Cơ quan, tổ chức/).fill(values.organisation);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  const receipt = page.locator('#form-receipt');
  await expect(receipt).toBeVisible();
  return (await receipt.locator('.reference').textContent())!;
}

test('the XSS corpus through every field of the comment form: nothing runs, stored exactly', async ({ page }) => {
  test.setTimeout(180_000);
  const check = await guard(page);
  // Several payloads per submission, so the whole corpus goes through in a few.
  for (let i = 0; i < PAYLOADS.length; i += 10) {
    const chunk = PAYLOADS.slice(i, i + 10);
    const t = tag();
    const values = { comment: `${t} ${chunk.join('\n')}`, name: `${t} ${chunk[0]}`, organisation: chunk.slice(1, 4).join(' ') };
    const reference = await sendComment(page, values);
    const row = dump().find((r) => r.reference === reference)!;
    expect(row.body.comment).toBe(values.comment.normalize('NFC'));
    expect(row.body.name).toBe(values.name.normalize('NFC'));
    expect(row.body.organisation).toBe(values.organisation.normalize('NFC'));
    await check();
  }
});

/** 10,000 characters (code points, as the receiver counts them after NFC) starting with `head`. */
const tenThousand = (head: string) => [...(head + 'ổ'.repeat(10_000))].slice(0, 10_000).join('');

test('10,000 characters in every field, right-to-left marks, emoji and NFD text: stored as NFC, exactly', async ({ page }) => {
  test.setTimeout(90_000);
  const check = await guard(page);
  const t = tag();
  const nfd = 'Hà Nội nghìn năm văn hiến'.normalize('NFD');
  const values = {
    comment: tenThousand(`${t} \u202egnirts desrever\u202c 😀👩‍👩‍👧 ${nfd} `),
    name: tenThousand(`${nfd} \u200f${t} `),
    organisation: tenThousand('👩🏽‍💻 Hội \u202ex '),
  };
  const reference = await sendComment(page, values);
  await expect(page.locator('#form-receipt .reference')).toHaveText(/^YK-/);
  const row = dump().find((r) => r.reference === reference)!;
  for (const [k, v] of Object.entries(values)) {
    expect(row.body[k], k).toBe(v.normalize('NFC'));
    expect([...(row.body[k] as string)].length, k).toBeLessThanOrEqual(10_000);
  }
  // And a question, every text field at 10,000 characters.
  await page.goto('/hoi-dap/gui-cau-hoi');
  const question = { title: tenThousand(`${t} tiêu đề `), question: tenThousand(`${t} ${nfd} `), name: tenThousand('Lan '), district: tenThousand('Cầu Giấy ') };
  await page.getByLabel('Lĩnh vực').selectOption({ index: 1 });
  await page.getByLabel('Tiêu đề câu hỏi').fill(question.title);
  await page.getByLabel('Nội dung câu hỏi').fill(question.question);
  await page.getByLabel('Họ và tên').fill(question.name);
  await page.getByLabel('Quận, huyện hoặc phường, xã nơi bạn sống').fill(question.district);
  await page.getByLabel('Thư điện tử').fill(`b${t}@example.vn`);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  const asked = await page.locator('#form-receipt .reference').textContent();
  const stored = dump().find((r) => r.reference === asked)!;
  for (const [k, v] of Object.entries(question)) expect(stored.body[k], k).toBe(v.normalize('NFC'));
  await check();
});

test('over the limit in every field: the page says which, nothing breaks, nothing is sent', async ({ page }) => {
  const check = await guard(page);
  await openConsultation(page);
  const big = 'x'.repeat(10_001);
  await page.getByLabel('Nội dung góp ý').fill(big);
  await page.getByLabel('Họ và tên').fill(big);
  await page.getByLabel(/Cơ quan, tổ chức/).fill(big);
  await page.getByLabel('Thư điện tử').fill(big);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expect(page.locator('.error-summary li')).toHaveCount(4);
  await expect(page.getByLabel('Nội dung góp ý')).toHaveValue(big);
  await check();
});

test('the XSS corpus through every field of the question form, read back from the database', async ({ page }) => {
  test.setTimeout(180_000);
  const check = await guard(page);
  for (let i = 0; i < PAYLOADS.length; i += 14) {
    const chunk = PAYLOADS.slice(i, i + 14);
    const t = tag();
    await page.goto('/hoi-dap/gui-cau-hoi');
    const values = {
      title: `${t} ${chunk[0]}`,
      question: `${t} ${chunk.join('\n')}`,
      name: chunk[1],
      district: chunk[2],
    };
    await page.getByLabel('Lĩnh vực').selectOption({ index: 1 });
    await page.getByLabel('Tiêu đề câu hỏi').fill(values.title);
    await page.getByLabel('Nội dung câu hỏi').fill(values.question);
    await page.getByLabel('Họ và tên').fill(values.name);
    await page.getByLabel('Quận, huyện hoặc phường, xã nơi bạn sống').fill(values.district);
    await page.getByLabel('Thư điện tử').fill(`a${t}@example.vn`);
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    const reference = await page.locator('#form-receipt .reference').textContent();
    const row = dump().find((r) => r.reference === reference)!;
    for (const [k, v] of Object.entries(values)) expect(row.body[k], k).toBe(v.normalize('NFC'));
    await check();
  }
});

test('a naive bot that fills the honeypot gets an answer and nothing is stored', async ({ page }) => {
  await openConsultation(page);
  const text = `bot ${tag()}`;
  await page.getByLabel('Nội dung góp ý').fill(text);
  await page.getByLabel('Họ và tên').fill('Bot');
  await page.getByRole('checkbox').check();
  // People never see it: out of view, out of the tab order, hidden from assistive technology.
  const trap = page.locator('#f-website');
  await expect(trap).toHaveAttribute('tabindex', '-1');
  await expect(page.locator('.form-trap')).toHaveAttribute('aria-hidden', 'true');
  await trap.fill('http://spam.example', { force: true });
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expect(page.locator('#form-receipt')).toBeVisible();
  expect(dump().filter((r) => r.body.comment === text)).toHaveLength(0);
});
