// A repeat visit once the browser's HTTP cache has gone cold (issue 26): a reader opens one
// article, the browser later drops its HTTP cache (as it does under storage pressure), and the
// reader opens another article by a page load. Measured with the portal's service worker allowed
// and with it blocked (what a build without a worker, or a browser without one, does): the bytes of
// app code (the build's .wasm, .js and .css) that came from the network, the page's own requests
// and the worker's alike, the time to the first word (first contentful paint) and to the app's
// taking over, with the CPU throttled 4× on a phone's screen and every answer slowed down by the
// server as on Lighthouse's slow 4G (150 ms, 1.6 Mbit/s: the worker's own fetches cannot be
// throttled from the page, so the server does it); the median of three.
//   node bench/repeat.mjs [--root dist]
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { serve } from './serve.mjs';
import { median } from './tasks.mjs';

/** The link the repeat visit is measured on (`serve`'s third argument). */
export const SLOW_4G = { latency: 150, kbps: 1600 };
const APP_CODE = /\.(wasm|js|css)(\?|$)/;

async function once(browser, base, first, second, worker) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    serviceWorkers: worker ? 'allow' : 'block',
  });
  const page = await context.newPage();
  // When the app takes the page over (boot.js marks <html data-app="on">).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.documentElement?.dataset.app === 'on') {
        window.appOn = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app'] });
  });
  await page.goto(base + first, { timeout: 60_000 });
  await page.locator('html[data-app="on"]').waitFor({ state: 'attached', timeout: 30_000 });
  if (worker) {
    // The worker registers once the app has started, at idle, and is ready once it has stored
    // the build's files.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let appBytes = 0;
  const counted = [];
  context.on('requestfinished', (request) => {
    counted.push(
      (async () => {
        const response = await request.response();
        if (!response || response.fromServiceWorker() || !APP_CODE.test(new URL(request.url()).pathname)) return;
        appBytes += (await request.sizes()).responseBodySize;
      })().catch(() => {}),
    );
  });
  await page.goto(base + second, { waitUntil: 'load', timeout: 60_000 });
  await page.locator('html[data-app="on"]').waitFor({ state: 'attached', timeout: 60_000 });
  // (A request's end is reported after the app may already run from its streamed wasm.)
  await page.waitForLoadState('networkidle');
  const [firstWord, appReady] = await page.evaluate(() => [
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    window.appOn ?? NaN,
  ]);
  await Promise.all(counted);
  await context.close();
  return { appBytes, firstWord, appReady };
}

/** `{ worker, none }`: each `{ appBytes, firstWord, appReady }`, medians of three; `base`: a build
 * served over `SLOW_4G`. */
export async function repeatBench(browser, base, api = 'public/api/v1') {
  const items = JSON.parse(readFileSync(`${api}/categories/thoi-su/index.json`, 'utf8')).page.items;
  const path = (a) => `/${a.category.slug}/${a.slug}`;
  const [first, second] = [path(items[0]), path(items[1])];
  const out = {};
  for (const [key, worker] of [['none', false], ['worker', true]]) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await once(browser, base, first, second, worker));
    out[key] = {
      appBytes: median(runs.map((r) => r.appBytes)),
      firstWord: median(runs.map((r) => r.firstWord)),
      appReady: median(runs.map((r) => r.appReady)),
    };
  }
  return out;
}

export function printRepeat(r) {
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(
    `repeat visit, HTTP cache cold, slow 4G, 4× CPU (without the worker / with it): app code from the network ${kb(r.none.appBytes)} / ${kb(r.worker.appBytes)} KB, first word ${r.none.firstWord.toFixed(0)} / ${r.worker.firstWord.toFixed(0)} ms, app taking over ${r.none.appReady.toFixed(0)} / ${r.worker.appReady.toFixed(0)} ms`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--root');
  const root = at > 0 ? process.argv[at + 1] : 'dist';
  const server = await serve(root, undefined, SLOW_4G);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    printRepeat(await repeatBench(browser, server.url));
  } finally {
    await browser.close();
    server.stop();
  }
}
