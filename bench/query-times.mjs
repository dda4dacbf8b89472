// Search results after their data (bench/search.mjs `queryTimes`: the 50 fixed queries, each
// submitted in the page's form), builds side by side on one content API, interleaved round by
// round so the machine's load falls on each alike (not a test):
//   node bench/query-times.mjs <api> [rounds] label=dir [label2=dir2 ...]
//   node bench/query-times.mjs target/scale/1000000/api/v1 2 before=target/dist-base after=dist
import { chromium } from 'playwright';
import { serve } from './serve.mjs';
import { queryTimes } from './search.mjs';

const [api, rounds = '1', ...labelled] = process.argv.slice(2);
const builds = (labelled.length ? labelled : ['current=dist']).map((b) => b.split('='));
const servers = [];
for (const [, dir] of builds) servers.push(await serve(dir, api));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const ms = (x) => x.toFixed(1).padStart(7);
console.log(`search on ${api}, ${rounds} round(s): submit → painted (median, p95); painted − last response (median, p95), ms`);
for (let r = 0; r < +rounds; r++) {
  for (const [i, [label]] of builds.entries()) {
    const t = await queryTimes(browser, servers[i].url);
    console.log(`${label.padEnd(12)} round ${r + 1}: ${ms(t.median)} ${ms(t.p95)}   after data ${ms(t.afterMedian)} ${ms(t.afterP95)}`);
  }
}
await browser.close();
for (const s of servers) s.stop();
