import { defineConfig, devices } from '@playwright/test';

// Browser tests run against the release build in dist/ (scripts/test.sh builds it first), served by
// tests/e2e/server.mjs, in Debian's Chromium: Playwright never downloads a browser here.
const PORT = Number(process.env.E2E_PORT ?? 4173);
// The write endpoints' receiver (crates/portal-receiver): a fresh database per run, today fixed so
// the sample's consultations stay open or closed whatever day the tests run (tests fix the
// browser's clock to the same day: tests/e2e/participation.spec.ts).
export const RECEIVER_DB = 'target/e2e/receiver.db';
export const TODAY = '2026-12-10';
const RECEIVER = `http://127.0.0.1:${PORT + 3}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    // The portal's service worker (sw.js) answers from its own fetches, which page.route cannot
    // see: tests that fake the network's answers run without it; offline.spec.ts allows it.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } },
    // Fault injection (the data layer), the service worker, the size budget (transfer bytes) and a
    // publish do not depend on the viewport: they run at one width.
    { name: 'phone', use: { ...devices['Pixel 5'], viewport: { width: 360, height: 780 } }, testIgnore: /resilience|stays|offline|budget|faults|hostile|publish/ },
  ],
  webServer: [
    {
      command: `mkdir -p target/e2e && rm -f ${RECEIVER_DB}* && cargo run --quiet -p portal-receiver -- serve --db ${RECEIVER_DB} --api dist/api/v1 --listen 127.0.0.1:${PORT + 3} --rate 100000 --today ${TODAY}`,
      port: PORT + 3,
      reuseExistingServer: false,
      timeout: 300_000,
    },
    {
      command: `node tests/e2e/server.mjs --port ${PORT} --root dist --receiver ${RECEIVER}`,
      url: `http://127.0.0.1:${PORT}/index.html`,
      reuseExistingServer: false,
    },
    {
      // A "district site" on a second origin that embeds portal widgets.
      command: `node tests/e2e/server.mjs --port ${PORT + 1} --root tests/e2e/district --portal http://127.0.0.1:${PORT}`,
      url: `http://127.0.0.1:${PORT + 1}/index.html`,
      reuseExistingServer: false,
    },
    {
      // The same app built with `--public-url /cong/` (scripts/test.sh), deployed under a sub-path.
      command: `node tests/e2e/server.mjs --port ${PORT + 2} --root target/dist-subpath --prefix /cong --receiver ${RECEIVER}`,
      url: `http://127.0.0.1:${PORT + 2}/cong/index.html`,
      reuseExistingServer: false,
    },
  ],
});
