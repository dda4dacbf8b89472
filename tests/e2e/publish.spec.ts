import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { serve } from './helpers';

// A publish (issue 28, scripts/publish.sh) on a copy of the built site: one article published
// and one withdrawn in a copy of the sources, then the site served as the publish left it. The
// search index's delta is read by the app itself here (src/api/search.rs); the native tests
// (crates/portal-content/tests/publish.rs, tests/publish.rs) check the documents and pages.
// One width: what a publish writes does not depend on the viewport.
const TITLE = 'Khánh thành vườn ươm cây bản địa trên tuyến phố mới';
const SOURCE = `+++
title = "${TITLE}"
category = "thoi-su"
published = "2026-12-01T09:00:00+07:00"
author = "Phòng Thông tin"
lead = "Thành phố khánh thành vườn ươm cây bản địa, nơi cung cấp cây giống cho các tuyến phố mới."
tags = ["cây xanh"]
+++

Vườn ươm rộng hai héc-ta cung cấp cây giống bản địa cho các phường.
`;
const WITHDRAWN = 'thoi-su/dien-tap-ung-pho-mua-lon-2026.md';
const GONE = /diễn tập ứng phó mưa lớn/;

const titles = (page: Page) => page.locator('.search-results .card-title');

async function search(page: Page, origin: string, query: string) {
  await page.goto(`${origin}/tim-kiem?q=${encodeURIComponent(query)}`);
  await expect(page.locator('.search-status')).toHaveText(/^(Tìm thấy|Không tìm thấy)/);
}

test('after a publish, search finds the new article and not the withdrawn one, and both pages say so', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'portal-publish-'));
  const [root, site] = [join(dir, 'root'), join(dir, 'dist')];
  cpSync('dist', site, { recursive: true });
  cpSync('content', join(root, 'content'), { recursive: true });
  symlinkSync(resolve('public'), join(root, 'public'));
  writeFileSync(join(root, 'content/articles/thoi-su/vuon-uom.md'), SOURCE);
  rmSync(join(root, 'content/articles', WITHDRAWN));
  // The site was prerendered for the address scripts/build.sh uses by default, as the publish is.
  execFileSync('bash', ['scripts/publish.sh', '--root', root, '--dist', site], { stdio: 'pipe' });
  const server = await serve(site, 4189);
  try {
    // The site before the publish (the suite's own server) finds the article that goes.
    await search(page, '', 'dien tap ung pho mua lon');
    await expect(titles(page).filter({ hasText: GONE })).not.toHaveCount(0);

    await search(page, server.origin, 'dien tap ung pho mua lon');
    await expect(titles(page).filter({ hasText: GONE })).toHaveCount(0);
    await search(page, server.origin, 'vuon uom cay ban dia');
    await expect(titles(page).first()).toHaveText(TITLE);
    // Filtered by its year and category, it is still found (the delta's own years and categories).
    await page.goto(`${server.origin}/tim-kiem?q=vuon+uom&nam=2026&chuyen-muc=thoi-su`);
    await expect(titles(page).first()).toHaveText(TITLE);
    await page.locator('.search-results a').filter({ hasText: TITLE }).first().click();
    await expect(page.locator('main h1')).toHaveText(TITLE);

    // Its category's first page lists it first, and the withdrawn one no more.
    await page.goto(`${server.origin}/thoi-su`);
    await expect(page.locator('main h1')).toHaveText('Thời sự');
    await expect(page.locator('main .card-title').first()).toHaveText(TITLE);
    await expect(page.locator('main .card-title').filter({ hasText: GONE })).toHaveCount(0);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
