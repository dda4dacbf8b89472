import { expect, type Page, type TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

export const PORTAL = 'Cổng TTĐT Thành phố';

/**
 * Phones fold the header's display controls and search box behind a button each (issue 25): opens
 * the one asked for if it is folded (a button with the app, a link to the panel without it).
 */
export async function openHeaderPanel(page: Page, panel: 'display' | 'search') {
  const toggle = page.locator(panel === 'display' ? '.display-toggle' : '.search-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/**
 * The reader's browser says it saves data (or, with `connection`, what else it says about the
 * link): the app then fetches nothing ahead, so the requests a test counts or holds are the
 * visit's own (the menu's sections are otherwise fetched ahead once the first page is idle).
 */
export async function savesData(page: Page, connection: object = { saveData: true }) {
  await page.addInitScript((c) => {
    Object.defineProperty(Navigator.prototype, 'connection', { get: () => c, configurable: true });
  }, connection);
}

/** Collects console errors and uncaught exceptions; `allow` filters expected ones (e.g. a 404). */
export function watchConsole(page: Page, allow: RegExp[] = []) {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !allow.some((r) => r.test(m.text()))) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

/** Stands in for the browser's speech synthesis (headless Chromium has no voices): every call is
 *  logged (`speak <lang> <first 40 characters>`, `pause`, `resume`, `cancel`); returns a reader. */
export async function fakeSpeech(page: Page) {
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as any).__speech = log;
    const fake = {
      speaking: false,
      getVoices: () => [],
      speak: (u: SpeechSynthesisUtterance) => log.push(`speak ${u.lang} ${u.text.slice(0, 40)}`),
      pause: () => log.push('pause'),
      resume: () => log.push('resume'),
      cancel: () => log.push('cancel'),
    };
    Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
  });
  return () => page.evaluate(() => (window as any).__speech as string[]);
}

/** The older articles of Tin tức – Sự kiện (page 1 of its pages that never move, from the
 * oldest: docs/api.md, "Categories"), and how its page names them: its dates, oldest and newest
 * (dd/mm/yyyy in Vietnam time). */
export function olderPage() {
  const doc = JSON.parse(readFileSync('public/api/v1/categories/tin-tuc-su-kien/1.json', 'utf8'));
  const day = (iso: string) => {
    const d = new Date(Date.parse(iso) + 7 * 3600_000);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  };
  const items = doc.page.items as { slug: string; title: string; published: string }[];
  const dates = `${day(items[items.length - 1].published)} đến ${day(items[0].published)}`;
  return { doc, items, range: `Bài đăng từ ${dates}`, title: `Tin tức – Sự kiện: bài đăng từ ${dates}` };
}

/** Asserts what a reader sees after a navigation: URL, the one h1, the document title. */
export async function expectPage(page: Page, url: RegExp, h1: string | RegExp, title: RegExp) {
  await expect(page).toHaveURL(url);
  const heading = page.locator('main h1');
  await expect(heading).toHaveCount(1);
  await expect(heading).toHaveText(h1);
  await expect(page).toHaveTitle(title);
}

/** Opens a top-level category from the main menu, through the menu button on phones. */
export async function openMenuItem(page: Page, name: string) {
  const toggle = page.getByRole('button', { name: 'Danh mục' });
  if (await toggle.isVisible()) {
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  }
  await page.getByRole('navigation', { name: 'Danh mục chính' }).getByRole('link', { name, exact: true }).click();
}

/** Clicks and returns the milliseconds until the page's h1 reads `h1` (measured in the page). */
export async function timedClick(page: Page, click: () => Promise<void>, h1: string): Promise<number> {
  await page.evaluate((expected) => {
    const w = window as unknown as { __nav: Promise<number>; __t0: number };
    w.__t0 = 0;
    document.addEventListener('click', () => (w.__t0 = performance.now()), { capture: true, once: true });
    w.__nav = new Promise<number>((resolve) => {
      const check = () => {
        const h = document.querySelector('main h1');
        if (w.__t0 && h && h.textContent === expected) {
          observer.disconnect();
          resolve(performance.now() - w.__t0);
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, h1);
  await click();
  return page.evaluate(() => (window as unknown as { __nav: Promise<number> }).__nav);
}

/** Full-page screenshot kept as a test artifact (artifacts/screenshots/<project>-<name>.png). */
export async function screenshot(page: Page, info: TestInfo, name: string) {
  mkdirSync('artifacts/screenshots', { recursive: true });
  const path = `artifacts/screenshots/${info.project.name}-${name}.png`;
  // Lazy images below the fold would be blank; load them all first.
  await page.evaluate(() => document.querySelectorAll('img[loading=lazy]').forEach((i) => ((i as HTMLImageElement).loading = 'eager')));
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: 'image/png' });
}

export type Server = { origin: string; stop: () => Promise<void> };

/** Serves a build on a server of its own (tests/e2e/server.mjs), for a test that needs its own. */
export async function serve(root: string, port: number, prefix = '', receiver = ''): Promise<Server> {
  const args = ['tests/e2e/server.mjs', '--port', String(port), '--root', root, ...(prefix ? ['--prefix', prefix] : []), ...(receiver ? ['--receiver', receiver] : [])];
  // Its standard error is the test's: a server that dies says why.
  const child: ChildProcess = spawn('node', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${origin}${prefix}/index.html`).then((r) => r.ok, () => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    stop: () => new Promise<void>((resolve) => {
      // One that has already exited would never say so again.
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    }),
  };
}
