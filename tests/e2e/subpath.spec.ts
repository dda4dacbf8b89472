import { test, expect } from './fixtures';

// A build made with `trunk build --release --public-url /cong/`, served under /cong/ only.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const BASE = `http://127.0.0.1:${PORT + 2}/cong`;

test('deployed under a sub-path, every link, asset and API request stays under it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const outside: string[] = [];
  page.on('request', (r) => r.url().startsWith(`http://127.0.0.1:${PORT + 2}/`) && !r.url().startsWith(`${BASE}/`) && outside.push(r.url()));
  await page.goto(`${BASE}/`);
  await expect(page.locator('.latest .card')).toHaveCount(8);
  await expect(page.locator('.latest .card-title a').first()).toHaveAttribute('href', /^\/cong\/[a-z0-9-]+\/[a-z0-9-]+$/);
  const menuButton = page.getByRole('button', { name: 'Danh mục' });
  if (await menuButton.isVisible()) await menuButton.click();
  await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name: 'Dịch vụ công', exact: true }).click();
  await expect(page).toHaveURL(`${BASE}/dich-vu-cong`);
  await expect(page.locator('main h1')).toHaveText('Dịch vụ công');
  const first = page.locator('.category .card-title a').first();
  const title = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(new RegExp(`^${BASE}/dich-vu-cong/[a-z0-9-]+$`));
  await expect(page.locator('main h1')).toHaveText(title);
  await page.reload();
  await expect(page.locator('main h1')).toHaveText(title);
  await page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: 'Trang chủ' }).click();
  await expect(page).toHaveURL(`${BASE}/`);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});
