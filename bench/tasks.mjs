// Main-thread benchmarks (issue 25), for bench.mjs or alone: per page kind, the longest task, the
// longest that ran the portal's code (its scripts or wasm, not the browser's parsing and layout
// alone) and the total blocking time (the sum of every task's time beyond 50 ms) of a cold load
// with the CPU throttled 4× (Chrome DevTools Protocol, Emulation.setCPUThrottlingRate), from
// navigation start until the page is idle, and the same for a client navigation category →
// article; each the median of three. The trace says what each long task did, by phase.
//   node bench/tasks.mjs [--root dist] [--detail]
import { chromium } from '@playwright/test';
import { pageKinds } from '../tests/perf/pages.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Trace categories enough to see tasks and what ran in them.
const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'v8.execute', 'blink.user_timing',
  'loading', 'disabled-by-default-v8.compile',
];

/**
 * Long tasks of the page's main thread (CrRendererMain with most work) in a Chrome trace, each with
 * its duration and its time by phase (the task's events one level down, named as DevTools does).
 */
export function longTasks(trace) {
  const events = JSON.parse(trace).traceEvents ?? [];
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const busy = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.name === 'RunTask' && e.ph === 'X' && mains.has(key)) busy.set(key, (busy.get(key) ?? 0) + e.dur);
  }
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && typeof e.dur === 'number');
  const tasks = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const inner = onMain.filter((e) => e.name !== 'RunTask').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const all = tasks.map((t) => ({ ts: t.ts, ms: t.dur / 1000 }));
  const long = [];
  for (const t of tasks) {
    if (t.dur < 50_000) continue;
    // Self time by event (its time less that of the events inside it), so wrappers count for
    // nothing and the work shows under its own name; and the task's entry point.
    const within = inner.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && !WRAPPERS.has(e.name));
    const phases = {};
    const stack = [];
    for (const e of within) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) phases[label(parent)] -= e.dur / 1000;
      phases[label(e)] = (phases[label(e)] ?? 0) + e.dur / 1000;
      stack.push(e);
    }
    const entry = within[0] ? label(within[0]) : '?';
    long.push({ ts: t.ts, ms: t.dur / 1000, entry, phases, ours: ours(phases) });
  }
  return { all, long };
}

// A task that ran the portal's code: at least 5 ms of its scripts or its wasm (not the browser's
// parsing, style, layout and paint alone, around a callback of boot.js that took no time; nor the
// benchmark's own injected script).
const ours = (phases) =>
  Object.entries(phases)
    .filter(([k]) => ((k.startsWith('FunctionCall ') || k.startsWith('EvaluateScript ')) && !/ inline|InjectedScript/.test(k)) || k.startsWith('v8.wasm'))
    .reduce((sum, [, ms]) => sum + ms, 0) >= 5;

// Scheduler frames around every task: no work of their own.
const WRAPPERS = new Set([
  'ThreadControllerImpl::RunTask', 'BlinkScheduler_PerformMicrotaskCheckpoint', 'RunMicrotasks', 'SequenceManager::DoIdleWork',
  'ThreadPool_RunTask', 'v8.run',
]);

function label(e) {
  const d = e.args?.data ?? {};
  if (e.name === 'FunctionCall' || e.name === 'EvaluateScript') {
    const file = (d.url ?? '').split('/').pop() || 'inline';
    return `${e.name} ${file}${d.functionName ? ` ${d.functionName}` : ''}`;
  }
  if (e.name === 'TimerFire' || e.name === 'FireAnimationFrame' || e.name === 'EventDispatch') return `${e.name}${d.type ? ` ${d.type}` : ''}`;
  return e.name;
}

/** Longest task, longest of the portal's own and blocking time of a run (ms). */
export const summary = (run) => ({
  longest: Math.max(0, ...run.all.map((t) => t.ms)),
  ours: Math.max(0, ...run.long.filter((t) => t.ours).map((t) => t.ms)),
  blocking: run.all.reduce((s, t) => s + Math.max(0, t.ms - 50), 0),
});

async function idle(page) {
  await page.waitForLoadState('networkidle');
  // The app says it runs; a build or page without it has no such mark after a while.
  await page.locator('html[data-app="on"]').waitFor({ state: 'attached', timeout: 20_000 }).catch(() => {});
  await sleep(1500);
}

async function traced(browser, page, action) {
  await browser.startTracing(page, { categories: CATEGORIES });
  await action();
  const buf = await browser.stopTracing();
  return longTasks(buf.toString());
}

/** One cold load of `path`, 4× CPU: the trace's tasks. */
export async function loadTasks(browser, base, path) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const r = await traced(browser, page, async () => {
    await page.goto(base + path);
    await idle(page);
  });
  await context.close();
  return r;
}

/** A client navigation from a category to its newest article, 4× CPU, after the category is idle. */
export async function navTasks(browser, base) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(base + '/thoi-su');
  await idle(page);
  const link = page.locator('main .card a').first();
  const title = (await link.textContent()).trim();
  const r = await traced(browser, page, async () => {
    // A click event on the link, as a tap gives the router (a pointer click can land on the
    // sticky header when the link is scrolled under it).
    await link.dispatchEvent('click');
    await page.locator('main h1', { hasText: title }).waitFor();
    await idle(page);
  });
  await context.close();
  return r;
}

/** Median of three runs of each page kind and of the navigation: longest task, blocking, phases. */
export async function tasksBench(browser, base, root) {
  const rows = [];
  const runs = async (name, path, fn) => {
    const rs = [];
    for (let i = 0; i < 3; i++) rs.push(await fn());
    const sums = rs.map((r) => ({ ...summary(r), long: r.long }));
    const mid = [...sums].sort((a, b) => a.blocking - b.blocking)[1];
    const m = (k) => median(sums.map((s) => s[k]));
    rows.push({ name, path, longest: m('longest'), ours: m('ours'), blocking: m('blocking'), long: mid.long });
  };
  for (const [name, path] of pageKinds(root).filter(([n]) => !process.env.KINDS || process.env.KINDS.split(',').includes(n))) await runs(name, path, () => loadTasks(browser, base, path));
  await runs('navigation category → article', '', () => navTasks(browser, base));
  return rows;
}

export function printTasks(rows, detail) {
  console.log('main thread, 4× CPU (median of 3): longest task / longest running our code / total blocking time');
  for (const r of rows) {
    const ms = (v) => `${v.toFixed(0).padStart(5)} ms`;
    console.log(`  ${r.name.padEnd(32)} ${ms(r.longest)} / ${ms(r.ours ?? 0)} / ${ms(r.blocking)}  ${r.path}`);
    if (!detail) continue;
    for (const t of r.long) {
      const top = Object.entries(t.phases).sort((a, b) => b[1] - a[1]).slice(0, 9).map(([k, v]) => `${k} ${v.toFixed(0)}`);
      console.log(`      task ${t.ms.toFixed(0)} ms${t.ours ? ', ours' : ''} (${t.entry}): ${top.join(', ')}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { serve } = await import('./serve.mjs');
  const argv = process.argv.slice(2);
  const root = argv.includes('--root') ? argv[argv.indexOf('--root') + 1] : 'dist';
  const server = await serve(root);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  printTasks(await tasksBench(browser, server.url, root), argv.includes('--detail'));
  await browser.close();
  server.stop();
}
