// A build served as a host would serve it (tests/e2e/server.mjs) on a port of its own, for the
// benchmarks: resolves once it answers.
import { spawn } from 'node:child_process';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let nextPort = 4300;

/**
 * Serves `dir` (with `api` as its content API, if given; `link`: `{ latency, kbps }` to slow every
 * answer down; `pages`: prerendered pages served before the build's, tests/e2e/server.mjs);
 * `{ url, stop }`.
 */
export async function serve(dir, api, link, pages) {
  const port = nextPort++;
  const args = ['tests/e2e/server.mjs', '--port', String(port), '--root', dir];
  if (api) args.push('--api', api);
  if (link) args.push('--latency', String(link.latency), '--kbps', String(link.kbps));
  if (pages) args.push('--pages', pages);
  const child = spawn('node', args, { stdio: 'ignore' });
  process.on('exit', () => child.kill());
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/index.html`)).ok) break;
    } catch {}
    await sleep(100);
  }
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
