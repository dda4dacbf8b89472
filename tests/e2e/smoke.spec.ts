import { test, expect } from './fixtures';

// The foundation's proof that the chain works: the release build loads, reads the bundled
// content API and renders it, with no console errors.
test('home page renders bundled content', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 2, name: 'Tin mới nhất' })).toBeVisible();
  await expect(page.locator('.latest .card')).toHaveCount(8);
  await expect(page.getByRole('navigation', { name: 'Danh mục chính' })).toBeAttached();
  await expect(page.locator('.site-footer')).toContainText('Cơ quan chủ quản');
  await expect(page).toHaveTitle(/Trang chủ/);
  expect(errors).toEqual([]);
});
