import { defineConfig, devices } from '@playwright/test';

// Browser tests run against the release build in dist/ (scripts/test.sh builds it first), served by
// tests/e2e/server.mjs, in Debian's Chromium: Playwright never downloads a browser here.
const PORT = Number(process.env.E2E_PORT ?? 4173);

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
    // Fault injection (the data layer), the service worker and the size budget (transfer bytes) do
    // not depend on the viewport: they run at one width.
    { name: 'phone', use: { ...devices['Pixel 5'], viewport: { width: 360, height: 780 } }, testIgnore: /resilience|stays|offline|budget/ },
  ],
  webServer: [
    {
      command: `node tests/e2e/server.mjs --port ${PORT} --root dist`,
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
      command: `node tests/e2e/server.mjs --port ${PORT + 2} --root target/dist-subpath --prefix /cong`,
      url: `http://127.0.0.1:${PORT + 2}/cong/index.html`,
      reuseExistingServer: false,
    },
  ],
});
