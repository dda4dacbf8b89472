import { test, expect, type Page } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { RECEIVER_DB, TODAY } from '../../playwright.config';

// Citizens writing to the city (issue 27): the consultations and the questions, their forms, and
// the promise that nothing typed is lost and everything sent is recorded once — read back from the
// receiver's database (crates/portal-receiver), not from the page.

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const RECEIVER = 'target/debug/portal-receiver';

type Row = { key: string; kind: string; reference: string; target: string; state: string; body: Record<string, unknown> };

/** Every row of the receiver's database. */
function rows(): Row[] {
  return JSON.parse(execFileSync(RECEIVER, ['dump', '--db', RECEIVER_DB], { encoding: 'utf8' }));
}

/** The rows whose body has `value` in `field`. */
function recorded(field: string, value: string): Row[] {
  return rows().filter((r) => r.body[field] === value);
}

/** The browser's clock on the receiver's day, so open consultations stay open whatever the date. */
async function onTheDay(page: Page) {
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+07:00`));
}

type Card = { slug: string; title: string; opens: string; closes: string };

async function consultations(page: Page): Promise<{ open: Card[]; closed: Card[] }> {
  const doc = await (await page.request.get('/api/v1/consultations/index.json')).json();
  const items: Card[] = doc.items;
  return {
    open: items.filter((c) => c.opens <= TODAY && c.closes >= TODAY),
    closed: items.filter((c) => c.closes < TODAY),
  };
}

/** A text no other test types: each test finds its own rows. */
const unique = (what: string) => `${what} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

async function fillComment(page: Page, comment: string, name = 'Nguyễn Thị Lan') {
  await page.getByLabel('Nội dung góp ý').fill(comment);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByRole('checkbox').check();
}

async function openConsultation(page: Page) {
  const { open } = await consultations(page);
  expect(open.length, 'the sample has an open consultation on the test day').toBeGreaterThan(0);
  await onTheDay(page);
  await page.goto(`/lay-y-kien/${open[0].slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(open[0].title);
  return open[0];
}

test('the consultations list: open ones first with the days left, then closed ones', async ({ page }) => {
  const { open, closed } = await consultations(page);
  await onTheDay(page);
  await page.goto('/lay-y-kien');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lấy ý kiến dự thảo');
  const groups = page.locator('.consultation-group h2');
  await expect(groups.first()).toHaveText('Đang lấy ý kiến');
  await expect(groups.last()).toHaveText('Đã kết thúc');
  const openCards = page.locator('.consultation-group').first().locator('.consultation-card');
  await expect(openCards).toHaveCount(open.length);
  await expect(openCards.first().locator('.consultation-state')).toContainText(/Còn \d+ ngày|Hôm nay là ngày cuối/);
  await expect(page.locator('.consultation-group').last().locator('.consultation-card')).toHaveCount(closed.length);
});

test('comment on an open consultation and see the receipt; it is recorded once', async ({ page }) => {
  const c = await openConsultation(page);
  const text = unique('Đề nghị làm rõ phạm vi áp dụng.');
  const section = page.getByLabel('Góp ý cho phần');
  const second = await section.locator('option').nth(1).getAttribute('value');
  await section.selectOption(second!);
  await fillComment(page, text);
  await page.getByLabel('Thư điện tử').fill('lan@example.vn');
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  const receipt = page.locator('#form-receipt');
  await expect(receipt).toBeFocused();
  await expect(receipt).toContainText('Đã gửi thành công');
  const reference = (await receipt.locator('.reference').textContent())!;
  expect(reference).toMatch(/^YK-[0-9A-Z]{8}$/);
  const found = recorded('comment', text);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ kind: 'comment', reference, target: c.slug });
  expect(found[0].body).toMatchObject({ section: second, name: 'Nguyễn Thị Lan', email: 'lan@example.vn', consent: true });
  // Nothing personal in the address.
  expect(page.url()).not.toContain('lan');
  // The kept draft is gone once received: a reload shows an empty form.
  await page.reload();
  await expect(page.getByLabel('Nội dung góp ý')).toHaveValue('');
});

test('a closed consultation says when it closed and has no form', async ({ page }) => {
  const { closed } = await consultations(page);
  await onTheDay(page);
  await page.goto(`/lay-y-kien/${closed[0].slug}`);
  await expect(page.locator('.consultation-state')).toContainText('Đã kết thúc nhận ý kiến ngày');
  await expect(page.locator('.form-closed')).toBeVisible();
  await expect(page.locator('form.citizen-form-fields')).toHaveCount(0);
});

test('the error summary takes focus, links to each field, and the title says Lỗi', async ({ page }) => {
  await openConsultation(page);
  const title = await page.title();
  await page.getByLabel('Thư điện tử').fill('not an address');
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading')).toHaveText('Có lỗi cần sửa');
  await expect(page).toHaveTitle(`Lỗi: ${title}`);
  const links = summary.getByRole('link');
  await expect(links).toHaveText(['Hãy nhập nội dung góp ý', 'Hãy nhập họ và tên', 'Hãy nhập thư điện tử đúng dạng, ví dụ ten@example.vn', 'Hãy đánh dấu đồng ý để gửi']);
  // Each error is tied to its field.
  const comment = page.getByLabel('Nội dung góp ý');
  await expect(comment).toHaveAttribute('aria-invalid', 'true');
  await expect(comment).toHaveAccessibleDescription(/Hãy nhập nội dung góp ý/);
  await links.nth(1).click();
  await expect(page.getByLabel('Họ và tên')).toBeFocused();
  // No browser bubble: the form is novalidate and nothing is `required`.
  await expect(page.locator('form.citizen-form-fields')).toHaveAttribute('novalidate', '');
  await expect(page.locator('form.citizen-form-fields [required]')).toHaveCount(0);
  // Fixed, the summary goes and the title is the page's again.
  await fillComment(page, unique('Góp ý'));
  await page.getByLabel('Thư điện tử').fill('');
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expect(page.locator('#form-receipt')).toBeVisible();
  await expect(page).toHaveTitle(title);
});

test('the character count is shown and said politely', async ({ page }) => {
  await openConsultation(page);
  const field = page.getByLabel('Nội dung góp ý');
  await expect(field).toHaveAccessibleDescription(/tối đa 10\.000 ký tự/);
  await field.fill('Xin chào');
  await expect(page.locator('.char-count')).toHaveText('Còn 9.992 ký tự');
  await expect(page.locator('.char-count + [aria-live="polite"]')).toHaveText('Còn 9.992 ký tự', { timeout: 5_000 });
  await field.fill('a'.repeat(10_005));
  await expect(page.locator('.char-count')).toHaveText('Vượt quá 5 ký tự');
});

test('ask a question, get a reference, and look its state up by the code', async ({ page }) => {
  await page.goto('/hoi-dap/gui-cau-hoi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gửi câu hỏi');
  const question = unique('Xin hỏi thủ tục đăng ký thường trú cho con mới sinh?');
  const field = page.getByLabel('Lĩnh vực');
  await field.selectOption({ index: 1 });
  await page.getByLabel('Tiêu đề câu hỏi').fill('Đăng ký thường trú cho con');
  await page.getByLabel('Nội dung câu hỏi').fill(question);
  await page.getByLabel('Họ và tên').fill('Trần Minh');
  await page.getByLabel('Quận, huyện hoặc phường, xã nơi bạn sống').fill('Cầu Giấy');
  await page.getByLabel('Thư điện tử').fill('minh@example.vn');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  const receipt = page.locator('#form-receipt');
  await expect(receipt).toBeFocused();
  const reference = (await receipt.locator('.reference').textContent())!;
  expect(reference).toMatch(/^HD-[0-9A-Z]{8}$/);
  const found = recorded('question', question);
  expect(found).toHaveLength(1);
  expect(found[0].reference).toBe(reference);
  await receipt.getByRole('link', { name: 'Tra cứu câu hỏi đã gửi' }).click();
  await expect(page).toHaveURL(/\/hoi-dap\/tra-cuu\?ma=HD-/);
  await expect(page.locator('.question-state')).toContainText('Đã tiếp nhận');
  // The city answers (what a CMS does), and the same code now leads to the answer.
  const answers = await (await page.request.get('/api/v1/questions/index.json')).json();
  const slug = answers.items[0].slug;
  execFileSync(RECEIVER, ['state', '--db', RECEIVER_DB, reference, 'answered', '--answer', slug]);
  // Typed as people type it: lower case, no dash.
  await page.goto('/hoi-dap/tra-cuu');
  await page.getByLabel('Mã tiếp nhận').fill(reference.toLowerCase().replace('-', ' '));
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.locator('.question-state')).toContainText('Đã có trả lời');
  await page.getByRole('link', { name: 'Đọc câu trả lời' }).click();
  await expect(page).toHaveURL(new RegExp(`/hoi-dap/${slug}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(answers.items[0].title);
  // An unknown code says so.
  await page.goto('/hoi-dap/tra-cuu?ma=HD-00000000');
  await expect(page.locator('.status-result')).toContainText('Không tìm thấy câu hỏi có mã HD-00000000');
});

test('answers by field, found with or without diacritics; an answer names the asker by first name and district only', async ({ page }) => {
  const doc = await (await page.request.get('/api/v1/questions/index.json')).json();
  await page.goto('/hoi-dap');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hỏi đáp');
  await expect(page.locator('.answer-card')).toHaveCount(doc.items.length);
  const first = doc.items[0];
  const field = doc.fields.find((f: { slug: string }) => f.slug === first.field);
  await page.getByLabel('Lĩnh vực').selectOption(first.field);
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(new RegExp(`linh-vuc=${first.field}`));
  const inField = doc.items.filter((i: { field: string }) => i.field === first.field).length;
  await expect(page.locator('.answer-card')).toHaveCount(inField);
  await expect(page.locator('.answer-card .card-meta').first()).toContainText(field.name);
  // Folded: the title's words without diacritics, in capitals.
  const words = first.title.split(/\s+/).slice(0, 3).join(' ');
  const folded = words.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toUpperCase();
  await page.goto(`/hoi-dap?q=${encodeURIComponent(folded)}`);
  await expect(page.locator('.answer-card').filter({ hasText: first.title })).toHaveCount(1);
  await page.locator('.answer-card').filter({ hasText: first.title }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first.title);
  const answer = await (await page.request.get(`/api/v1/questions/${first.slug}.json`)).json();
  await expect(page.locator('.asked .card-meta')).toContainText(`${answer.asker.first_name} (${answer.asker.district})`);
  await expect(page.locator('.answered .article-body')).not.toBeEmpty();
});

// One test per page and theme: each audit takes seconds on a slow host, and a failure names its page.
const auditedPages: [string, (page: Page) => Promise<string>, boolean][] = [
  ['consultations', async () => '/lay-y-kien', false],
  ['an open consultation, its errors showing', async (page) => `/lay-y-kien/${(await consultations(page)).open[0].slug}`, true],
  ['a closed consultation', async (page) => `/lay-y-kien/${(await consultations(page)).closed[0].slug}`, false],
  ['questions', async () => '/hoi-dap', false],
  ['an answer', async (page) => `/hoi-dap/${(await (await page.request.get('/api/v1/questions/index.json')).json()).items[0].slug}`, false],
  ['the question form, its errors showing', async () => '/hoi-dap/gui-cau-hoi', true],
  ['looking up a question', async () => '/hoi-dap/tra-cuu', false],
];

for (const theme of ['normal', 'high']) {
  test.describe(`axe: every new page has no WCAG 2.2 AA violation (${theme} contrast)`, () => {
    for (const [label, where, submitted] of auditedPages) {
      test(label, async ({ page }) => {
        await page.addInitScript((t) => localStorage.setItem('portal-display', JSON.stringify({ size: 0, contrast: t })), theme);
        const path = await where(page);
        await onTheDay(page);
        await page.goto(path);
        await expect(page.locator('main h1')).toBeVisible();
        if (submitted) {
          // With the error summary and inline errors showing, too.
          await expect(page.getByRole('button', { name: 'Gửi', exact: true })).toBeVisible();
          await page.getByRole('button', { name: 'Gửi', exact: true }).click();
          await expect(page.locator('.error-summary')).toBeFocused();
        }
        await expect(page.locator('html')).toHaveAttribute('data-contrast', theme);
        const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
        const found = result.violations.map((v) => `${path}: ${v.id} ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(found, found.join('\n')).toEqual([]);
      });
    }
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('consultation and answer pages are readable, and the form says what it needs', async ({ page }) => {
    const { open } = await consultations(page);
    const answers = await (await page.request.get('/api/v1/questions/index.json')).json();
    await page.goto(`/lay-y-kien/${open[0].slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(open[0].title);
    await expect(page.locator('.draft-summary p')).not.toBeEmpty();
    await expect(page.locator('.needs-script')).toContainText('cần JavaScript');
    await page.goto(`/hoi-dap/${answers.items[0].slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(answers.items[0].title);
    await expect(page.locator('.answered .article-body p').first()).toBeVisible();
    await page.goto('/hoi-dap/gui-cau-hoi');
    await expect(page.locator('.needs-script')).toBeVisible();
  });
});

test('with text at 200 % the form still fits the screen and works by keyboard alone', async ({ page }) => {
  const c = await openConsultation(page);
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  // Nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const text = unique('Góp ý bằng bàn phím');
  // From the comment box to sending, by Tab, Space and Enter only.
  await page.getByLabel('Nội dung góp ý').focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Đỗ Hà');
  for (const label of ['Cơ quan, tổ chức (không bắt buộc)', 'Thư điện tử (không bắt buộc)']) {
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(label)).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('Space');
  // The privacy notice's link, then the send button.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Gửi', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#form-receipt')).toBeFocused();
  expect(recorded('comment', text)).toHaveLength(1);
  expect(recorded('comment', text)[0].target).toBe(c.slug);
});

test('a draft that became a document links to it, and the document links back to its consultation', async ({ page }) => {
  const docs = await Promise.all(
    (await (await page.request.get('/api/v1/consultations/index.json')).json()).items.map(async (c: Card) => (await page.request.get(`/api/v1/consultations/${c.slug}.json`)).json()),
  );
  const became = docs.find((c) => c.document);
  expect(became, 'the sample has a draft that became a document').toBeTruthy();
  await page.goto(`/lay-y-kien/${became.slug}`);
  await page.locator('.draft-document').getByRole('link', { name: became.document.number }).click();
  await expect(page).toHaveURL(new RegExp(`/van-ban/${became.document.slug}$`));
  await page.locator('.document-consultation').getByRole('link', { name: became.title }).click();
  await expect(page).toHaveURL(new RegExp(`/lay-y-kien/${became.slug}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(became.title);
});
