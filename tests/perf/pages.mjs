// The page kinds the performance checks visit (tests/perf/lighthouse.mjs, bench/tasks.mjs), as
// addresses of the build's content: the portal's home, a category and its newest article, and the
// look-up app's search with results, register and one of the portal's own pages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function pageKinds(root) {
  const first = JSON.parse(readFileSync(join(root, 'api/v1/categories/thoi-su/index.json'), 'utf8')).page.items[0];
  return [
    ['home', '/'],
    ['category', '/thoi-su'],
    ['article', `/${first.category.slug}/${first.slug}`],
    ['search', '/tim-kiem?q=quy+ho%E1%BA%A1ch'],
    ['register', '/van-ban'],
    ['own-page', '/gioi-thieu'],
  ];
}
