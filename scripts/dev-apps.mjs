// The development loop's host for the apps other than the portal (scripts/serve.sh): serves each
// app's development build (`trunk watch`, target/dev/<folder>) for the addresses the route table
// gives it, as the release host does, so `trunk serve` shows every route the way readers get it.
// Trunk's own server proxies those addresses here (Trunk.toml [[proxy]]).
// Usage: node scripts/dev-apps.mjs --map target/dev/host/routes.json --dev target/dev [--port 8081]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, v, i, a) => (v.startsWith('--') ? [...acc, [v.slice(2), a[i + 1]]] : acc), []),
);
const port = Number(args.port ?? 8081);
const dev = resolve(args.dev ?? 'target/dev');
const map = JSON.parse(readFileSync(args.map ?? join(dev, 'host/routes.json'), 'utf8'));
const rules = map.rules.map((r) => ({ ...r, re: new RegExp(r.pattern) }));
// Each app's entry page and the folder of its files (App::entry, App::assets).
const folderOf = Object.fromEntries(map.apps.map((a) => [a.entry, a.assets]));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json; charset=utf-8',
};

createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const rule = rules.find((r) => r.re.test(path));
  // An app's page, or one of its files under its folder (a build of its own: target/dev/<folder>).
  const folder = rule ? folderOf[rule.file] : path.split('/')[1];
  const file = rule ? join(dev, folder, 'index.html') : join(dev, folder ?? '', path);
  try {
    if (!Object.values(folderOf).includes(folder) || !file.startsWith(join(dev, folder))) throw new Error('not ours');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(body);
  } catch {
    // Not built yet (its first build is under way), or not an app's.
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`${path}: not built yet, or not one of the apps' (scripts/serve.sh)\n`);
  }
}).listen(port, '127.0.0.1', () => console.log(`dev-apps: the other apps' development builds on http://127.0.0.1:${port}`));
