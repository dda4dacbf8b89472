// Static server for the browser tests: serves the release build (dist/) the way a production
// static host should: SPA fallback to index.html for routes, a real 404 for missing files (so the
// app can tell "document does not exist"), brotli or gzip when asked (a precompressed `.br` or `.gz`
// beside the file first, as nginx's brotli_static and gzip_static do), and cache headers for hashed
// assets.
// Usage: node tests/e2e/server.mjs [--port 4173] [--root dist] [--host 127.0.0.1] [--portal URL]
// --portal replaces the token PORTAL in served HTML (the "district site" pages of the widget tests).
// --api DIR serves /api/v1/… from DIR instead (e.g. a synthetic archive from `portal-content synth`).
// --pages DIR serves what a prerender wrote into DIR (pages, feeds, sitemap) before the root's
// (bench/scale.mjs: a synthetic archive's own pages beside the build's files).
// --prefix /cong serves the build under that sub-path (a build made with --public-url /cong/).
// --receiver URL sends the write endpoints (/api/v1/submissions/…, docs/api.md) there, as a
// deployment's host sends them to its CMS (crates/portal-receiver in development and tests).
import { createServer, request as forward } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, v, i, a) => (v.startsWith('--') ? [...acc, [v.slice(2), a[i + 1]]] : acc), []),
);
const port = Number(args.port ?? 4173);
const host = args.host ?? '127.0.0.1';
const root = resolve(args.root ?? 'dist');
const portal = args.portal;
const apiRoot = args.api ? resolve(args.api) : null;
const pagesRoot = args.pages ? resolve(args.pages) : null;
const prefix = (args.prefix ?? '').replace(/\/+$/, '');
const receiver = args.receiver ? new URL(args.receiver) : null;
const SUBMISSIONS = 'api/v1/submissions/';
// Benchmarks only (bench/repeat.mjs): each answer waits --latency ms, then its body goes at
// --kbps kilobits a second (each answer on its own: a simple model of a slow mobile link).
const latency = Number(args.latency ?? 0);
const bytesPerMs = Number(args.kbps ?? 0) / 8;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Passes a write request to the receiver as it came (method, headers, body), and its answer back. */
function toReceiver(req, res, rel) {
  const headers = { ...req.headers, host: receiver.host };
  const out = forward(
    { host: receiver.hostname, port: receiver.port, method: req.method, path: '/' + rel + new URL(req.url, 'http://x').search, headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on('error', () => res.destroy());
      answer.pipe(res);
    },
  );
  // A browser that goes offline mid-request aborts it: an unheard 'error' would end this server.
  req.on('error', () => out.destroy());
  res.on('error', () => {});
  out.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: 'receiver_unavailable' }));
  });
  req.pipe(out);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};
// Which file answers which path, and the policy headers, as the route table says: the host map
// the prerender writes beside the build (dist/host/routes.json, portal_core::route::host), the
// same map as the nginx include the README tells deployers to use. A build without it (not
// prerendered) is a single-page app: every route answers index.html.
let hostMap = { csp: '', rules: [] };
try {
  hostMap = JSON.parse(readFileSync(join(root, 'host', 'routes.json'), 'utf8'));
} catch {
  // No map: the fallback below.
}
const rules = hostMap.rules.map((r) => ({ ...r, re: new RegExp(r.pattern) }));
const hashed = new RegExp(hostMap.hashed ?? '-[0-9a-f]{12,16}\\.(?:js|wasm|css)$');
const ruleOf = (rel) => rules.find((r) => r.re.test(rel));
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.csv', '.txt', '.xml', '.webmanifest']);

async function file(path) {
  try {
    const s = await stat(path);
    return s.isFile() ? path : null;
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://x');
    if (prefix && url.pathname !== prefix && !url.pathname.startsWith(prefix + '/')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('outside the deployment path');
      return;
    }
    const rel = normalize(decodeURIComponent(url.pathname.slice(prefix.length))).replace(/^([/\\])+/, '');
    if (rel.startsWith(SUBMISSIONS)) {
      if (receiver) return toReceiver(req, res, url.pathname.slice(prefix.length).replace(/^\/+/, ''));
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'no_receiver' }));
      return;
    }
    const base = apiRoot && rel.startsWith('api/v1/') ? apiRoot : root;
    let path = base === root ? join(root, rel) : join(apiRoot, rel.slice('api/v1/'.length));
    if (path !== base && !path.startsWith(base + sep)) {
      res.writeHead(400).end();
      return;
    }
    const own = pagesRoot && base === root ? join(pagesRoot, rel) : null;
    let found = (own && (await file(own))) || (await file(path));
    const ext = extname(rel);
    let status = 200;
    if (!found && !ext) {
      // A route: its prerendered page (`<route>/index.html`, src/prerender) if there is one; else
      // the file of its app (the host map's rule), else the prerendered not-found page, with
      // status 404, on which the app still starts and shows the route if the API has it
      // (published since the last prerender).
      const rule = ruleOf('/' + rel);
      const appPage = rule ? await file(join(root, rule.file)) : null;
      const notFound = await file(join(root, '404.html'));
      const ownPage = own ? await file(join(own, 'index.html')) : null;
      found = ownPage ?? (await file(join(path, 'index.html'))) ?? appPage ?? notFound ?? join(root, 'index.html');
      if (found === notFound) status = 404;
    }
    if (!found) {
      const body = JSON.stringify({ error: { status: 404, code: 'not_found', message: 'Không tìm thấy tài liệu.' } });
      res.writeHead(404, { 'content-type': TYPES['.json'] }).end(body);
      return;
    }
    let body = await readFile(found);
    if (portal && extname(found) === '.html') body = Buffer.from(body.toString('utf8').replaceAll('PORTAL', portal));
    const type = TYPES[extname(found)] ?? 'application/octet-stream';
    const headers = { 'content-type': type, 'x-content-type-options': 'nosniff' };
    // The policy governs documents: HTML pages, and SVG files, which a browser opened directly
    // runs as documents. On scripts, styles, wasm and JSON it has no effect and only adds bytes
    // (about 450 per response).
    if (['.html', '.svg'].includes(extname(found))) {
      headers['referrer-policy'] = 'strict-origin-when-cross-origin';
      // A "district site" runs under the policy docs/widgets.md tells its webmaster to use.
      headers['content-security-policy'] = portal
        ? `default-src 'self'; script-src 'self' ${portal}; frame-src ${portal}; style-src 'self' 'unsafe-inline'`
        : `${hostMap.csp}; frame-ancestors ${ruleOf('/' + rel)?.framed ? '*' : "'self'"}`;
    }
    headers['cache-control'] = hashed.test(found) ? 'public, max-age=31536000, immutable' : 'no-cache';
    const accepts = req.headers['accept-encoding'] ?? '';
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
    if (COMPRESSIBLE.has(extname(found)) && encoding) {
      // A precompressed file next to it (scripts/precompress.sh) is served as is; anything else
      // (content JSON, HTML) is compressed on the fly, brotli at a quality a live server affords.
      const pre = portal ? null : await file(found + (encoding === 'br' ? '.br' : '.gz'));
      body = pre
        ? await readFile(pre)
        : encoding === 'br'
          ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } })
          : gzipSync(body, { level: 9 });
      headers['content-encoding'] = encoding;
      headers['vary'] = 'accept-encoding';
    }
    headers['content-length'] = body.length;
    // Revalidation, as any static host answers it: a page that has not changed costs no body (the
    // second widget on a page revalidates the widget page, then reads only its own document).
    const tag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    headers['etag'] = tag;
    if (status === 200 && req.headers['if-none-match'] === tag) {
      delete headers['content-length'];
      res.writeHead(304, headers).end();
      return;
    }
    if (latency) await sleep(latency);
    res.writeHead(status, headers);
    if (bytesPerMs && req.method !== 'HEAD') {
      for (let at = 0; at < body.length; at += 4096) {
        res.write(body.subarray(at, at + 4096));
        await sleep(Math.min(4096, body.length - at) / bytesPerMs);
      }
      res.end();
      return;
    }
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
  }
});
server.listen(port, host, () => console.log(`serving ${root} on http://${host}:${port}`));
