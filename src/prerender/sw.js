// The portal's service worker. The prerender writes it into the build as sw.js
// (src/prerender/worker.rs), with this build's constants in front of this text:
//   BUILD    this build's name (a hash of the files below)
//   FILES    the portal's own files, relative to the scope: hashed names, and the unhashed scripts
//            with the build's ?v= (the pages ask for exactly these), and the offline pages
//   OFFLINE  the offline page of each language, relative to the scope
//   API      the content API's address, relative to the scope
//   HASHED   what a hashed file's name looks like (the hosts cache those for a year)
// A citizen's submission written offline (a comment, a question) waits in OUTBOX and is sent
// when the connection returns (Background Sync), even with the page closed; the receiver records
// it once (its idempotency key is in the body), whoever sends it first, the page or this worker.
// Pages and API documents: the network first; the stored copy when it fails or is slow. The app's
// files: the stored copy first (a hashed name never changes). Pictures: the stored copy first, a
// bounded number of them. Nothing from another origin, nothing for a framed page (the widgets
// district sites embed), and only whole successful answers are stored.

const SCOPE = self.registration.scope;
const APP = `portal-app-${BUILD}`;
const READ = 'portal-read';
const PICTURES = 'portal-pictures';
// Articles the reader saved, with their documents and pictures: kept until removed.
const SAVED = 'portal-saved';
const META = 'portal-meta';
const OUTBOX = 'portal-outbox';
const KEEP_MS = 30 * 86_400_000;
const PICTURE_ENTRIES = 300;
// Slower than this, and a stored copy answers (the network's answer still updates it).
const SLOW_MS = 3500;
const STORED = 'x-portal-stored';
const TITLE = 'x-portal-title';
// A saved page's documents and pictures (JSON), removed with it.
const PARTS = 'x-portal-parts';

const at = (path) => new URL(path, SCOPE).href;

// A new build takes over at once: pages still open keep running their own build (its files stay
// stored, see activate) until their next link, which offline.js makes a page load.
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(APP).then((cache) => cache.addAll(FILES.map(at))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // This build's files and the previous build's, which a page still open may ask for.
    const meta = await caches.open(META);
    const before = await meta.match('builds').then((r) => r?.json()).catch(() => null);
    const keep = [BUILD, ...(Array.isArray(before) ? before : []).filter((b) => b !== BUILD)].slice(0, 2);
    await meta.put('builds', new Response(JSON.stringify(keep)));
    for (const name of await caches.keys()) {
      if (name.startsWith('portal-app-') && !keep.includes(name.slice('portal-app-'.length))) await caches.delete(name);
    }
    await forget();
    // A page's request starts while the worker starts (not after): the first word comes sooner.
    await self.registration.navigationPreload?.enable();
    await self.clients.claim();
    // Open pages learn that this build runs: their next link is a page load (offline.js).
    for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ build: BUILD });
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !request.url.startsWith(SCOPE)) return;
  // Framed pages (a district site's widget) are the network's alone.
  if (request.destination === 'iframe' || request.destination === 'frame') return;
  if (request.mode === 'navigate') {
    // A page opened means a network may be back: what waits in the outbox goes too (for the
    // browsers without Background Sync, and sooner than its retry).
    event.waitUntil(flush().catch(() => {}));
    return event.respondWith(page(event));
  }
  const answer = request.url.startsWith(at(API))
    ? () => read(event, request)
    : FILES.includes(request.url.slice(SCOPE.length)) || HASHED.test(url.pathname)
      ? () => appFile(request)
      : request.destination === 'image'
        ? () => picture(request)
        : null;
  if (answer) event.respondWith(unlessFramed(event, answer));
});

// What pages ask (offline.js), answered on the port they send.
const ASKED = {
  keep: (url) => keepPage(url),
  list: () => listPages(),
  saved: async (url) => !!(await (await caches.open(SAVED)).match(pageKey(url))),
  save: (url) => savePage(url),
  unsave: (url) => unsavePage(url),
  send: (url, data) => queue(url, data),
};

self.addEventListener('message', (event) => {
  const { ask, url } = event.data ?? {};
  if (!Object.hasOwn(ASKED, ask) || (url !== undefined && !(typeof url === 'string' && url.startsWith(SCOPE)))) return;
  event.waitUntil(ASKED[ask](url, event.data).then(
    (answer) => event.ports[0]?.postMessage({ answer }),
    () => event.ports[0]?.postMessage({ failed: true }),
  ));
});

/** A submission to send once the connection returns: one per form (a newer text replaces it). */
async function queue(url, { body, form }) {
  if (typeof body !== 'string' || typeof form !== 'string' || !url.startsWith(at(API))) return false;
  const key = at(`outbox/${encodeURIComponent(form)}`);
  await (await caches.open(OUTBOX)).put(key, new Response(JSON.stringify({ url, body, form })));
  await self.registration.sync?.register(OUTBOX).catch(() => {});
  return true;
}

/** Sends what waits. Recorded (201) or refused for good (4xx): out of the box, and the open
 * pages told; the network or the receiver failing (or 429): kept, and the sync tried again. */
async function flush() {
  const box = await caches.open(OUTBOX);
  let again = false;
  for (const key of await box.keys()) {
    const item = await (await box.match(key))?.json().catch(() => null);
    if (!item) {
      await box.delete(key);
      continue;
    }
    const init = { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: item.body };
    const response = await fetch(item.url, init).catch(() => null);
    if (!response || response.status >= 500 || response.status === 429) {
      again = true;
      continue;
    }
    await box.delete(key);
    const receipt = response.status === 201 ? await response.json().catch(() => null) : null;
    for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ sent: item.form, receipt });
  }
  // A sync event whose promise fails is retried by the browser, later.
  if (again) throw new Error('not sent yet');
}

self.addEventListener('sync', (event) => {
  if (event.tag === OUTBOX) event.waitUntil(flush());
});

/** The stored pages, newest first: the saved ones, the bytes they take, and the read ones. */
async function listPages() {
  const pages = async (name, fresh) => {
    const cache = await caches.open(name);
    const out = [];
    let bytes = 0;
    for (const key of await cache.keys()) {
      const stored = await cache.match(key);
      if (!stored) continue;
      if (name === SAVED) bytes += (await stored.clone().blob()).size;
      const when = Number(stored.headers.get(STORED));
      if (!(stored.headers.get('content-type') ?? '').startsWith('text/html') || !fresh(when)) continue;
      if (Object.values(OFFLINE).some((p) => key.url === at(p))) continue;
      out.push({ url: key.url, title: decodeURIComponent(stored.headers.get(TITLE) ?? ''), stored: when });
    }
    return { list: out.sort((a, b) => b.stored - a.stored), bytes };
  };
  const saved = await pages(SAVED, () => true);
  const read = await pages(READ, (when) => Date.now() - when < KEEP_MS);
  return { saved: saved.list, savedBytes: saved.bytes, read: read.list };
}

/** A page and what it needs, fetched (or taken from what was read) and kept until removed. */
async function savePage(href) {
  const key = pageKey(href);
  const take = async (url) => {
    const response = await fetch(url).catch(() => null);
    return storable(response) ? response : await caches.match(url, { ignoreVary: true });
  };
  const page = await take(key);
  if (!page || !(page.headers.get('content-type') ?? '').startsWith('text/html')) throw new Error('no page');
  const html = await page.text();
  const parts = [...documentsOf(html), ...picturesOf(html, key)];
  for (const part of parts) {
    const response = await take(part);
    if (response?.status === 200) await store(SAVED, part, response);
  }
  const headers = new Headers(page.headers);
  headers.set(PARTS, JSON.stringify(parts));
  await store(SAVED, key, new Response(html, { headers }), titleOf(html));
  return true;
}

/** A saved page removed, and what only it needed. */
async function unsavePage(href) {
  const cache = await caches.open(SAVED);
  const key = pageKey(href);
  const page = await cache.match(key);
  if (!page) return false;
  await cache.delete(key);
  const needed = new Set();
  for (const other of await cache.keys()) {
    const stored = await cache.match(other);
    for (const part of JSON.parse(stored?.headers.get(PARTS) ?? '[]')) needed.add(part);
  }
  for (const part of JSON.parse(page.headers.get(PARTS) ?? '[]')) if (!needed.has(part)) await cache.delete(part);
  return true;
}

/** Whether each page is framed: asked of the browser once a page, not on each of its requests
 * (a round trip to it that every document of a navigation waited for). */
const framed = new Map();

/** A framed page's requests go to the network as they would without this worker. */
async function unlessFramed(event, answer) {
  const id = event.clientId;
  let nested = id ? framed.get(id) : false;
  if (nested === undefined) {
    const client = await self.clients.get(id);
    nested = client?.frameType === 'nested';
    if (client) framed.set(id, nested);
    // Pages closed long ago: the oldest go.
    while (framed.size > 64) framed.delete(framed.keys().next().value);
  }
  return nested ? fetch(event.request) : answer();
}

/** A whole, successful, same-origin answer: the only kind stored. */
function storable(response) {
  return response && response.status === 200 && response.type === 'basic' && !response.headers.has('content-range');
}

/** `response` stored with the time it was read (and a page's title, for the offline page). */
async function store(cacheName, key, response, title) {
  const headers = new Headers(response.headers);
  headers.set(STORED, String(Date.now()));
  if (title) headers.set(TITLE, encodeURIComponent(title));
  const body = await response.arrayBuffer();
  await (await caches.open(cacheName)).put(key, new Response(body, { status: 200, statusText: 'OK', headers }));
}

/** A stored page or document: read in the last 30 days, or saved. */
async function recent(key) {
  const stored = await (await caches.open(READ)).match(key, { ignoreVary: true });
  const when = Number(stored?.headers.get(STORED));
  if (stored && Date.now() - when < KEEP_MS) return stored;
  return (await caches.open(SAVED)).match(key, { ignoreVary: true });
}

/** The network first; the stored copy if it fails, errs, or is slow. */
async function networkFirst(event, key, keepIt) {
  // A page's answer is the request the browser started with the worker (navigation preload), when
  // there is one.
  const started = event.request.mode === 'navigate' && event.preloadResponse ? event.preloadResponse : Promise.resolve();
  const network = started.then((preloaded) => preloaded ?? fetch(event.request)).then(async (response) => {
    if (storable(response)) event.waitUntil(keepIt(response.clone()).catch(() => {}));
    return response;
  });
  const slow = new Promise((resolve) => setTimeout(resolve, SLOW_MS));
  const first = await Promise.race([network.catch(() => null), slow.then(() => 'slow')]);
  if (first && first !== 'slow' && first.status < 500) return first;
  const stored = await recent(key);
  if (stored) {
    event.waitUntil(network.catch(() => {}));
    return stored;
  }
  return first === 'slow' ? network.catch(() => null) : first;
}

/** A page: the network, or the copy read before, or the offline page in the page's language. */
async function page(event) {
  const key = pageKey(event.request.url);
  const answer = await networkFirst(event, key, async (response) => {
    if ((response.headers.get('content-type') ?? '').startsWith('text/html')) await keepHtml(key, response);
  });
  if (answer) return answer;
  return offlinePage(event.request.url);
}

/** Pages are stored without their query's fragment or hash. */
function pageKey(href) {
  const url = new URL(href);
  url.hash = '';
  return url.href;
}

async function offlinePage(href) {
  const path = href.slice(SCOPE.length);
  const lang = path === 'en' || path.startsWith('en/') || path.startsWith('en?') ? 'en' : 'vi';
  const stored = await caches.match(at(OFFLINE[lang]), { ignoreSearch: true });
  if (!stored) return Response.error();
  // Marked, so boot.js starts no app on it (the app would show the missing page's error, and its
  // files may not be stored); "missed" when it answers another address.
  const missed = pageKey(href) === at(OFFLINE[lang]) ? '' : 'missed';
  const html = (await stored.text()).replace('<html', `<html data-offline-fallback="${missed}"`);
  return new Response(html, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

const unescape = (s) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]);
const sameOrigin = (urls) => urls.filter((u) => u.origin === self.location.origin).map((u) => u.href);

function titleOf(html) {
  const title = html.match(/<title>([^<]*)<\/title>/)?.[1];
  return title && unescape(title);
}

/** The documents a page reads first (the prerender names them). */
function documentsOf(html) {
  const named = html.match(/<meta name="portal-documents" content="([^"]*)"/)?.[1]?.split(' ').filter(Boolean) ?? [];
  return sameOrigin(named.map((d) => new URL(unescape(d), SCOPE)));
}

function picturesOf(html, page) {
  // Relative to the page's <base href> (the deployment's base), as the browser reads them.
  const base = new URL(unescape(html.match(/<base href="?([^"\s>]*)/)?.[1] ?? ''), page);
  return sameOrigin([...html.matchAll(/<img[^>]*?\ssrc="([^"]+)"/g)].map((m) => new URL(unescape(m[1]), base)));
}

/** A page's HTML, its documents and its pictures, stored for reading offline. */
async function keepHtml(key, response) {
  const html = await response.text();
  await store(READ, key, new Response(html, { headers: response.headers }), titleOf(html));
  // (A page opened before this worker ran fetched its documents without it.)
  await Promise.all(documentsOf(html).map(async (url) => {
    if (await recent(url)) return;
    const doc = await fetch(url).catch(() => null);
    if (storable(doc)) await store(READ, url, doc);
  }));
  await Promise.all(picturesOf(html, key).map((url) => picture(new Request(url)).catch(() => {})));
}

/** Asked by a page once it shows a new address (offline.js): its HTML, fetched and stored. */
async function keepPage(href) {
  const key = pageKey(href);
  if (await recent(key).then((r) => Date.now() - Number(r?.headers.get(STORED)) < 60_000)) return;
  const response = await fetch(key, { headers: { accept: 'text/html' } }).catch(() => null);
  if (storable(response) && (response.headers.get('content-type') ?? '').startsWith('text/html')) await keepHtml(key, response);
  await forget();
}

async function read(event, request) {
  const answer = await networkFirst(event, request.url, (response) => store(READ, request.url, response));
  return answer ?? Response.error();
}

async function appFile(request) {
  const stored = await caches.match(request, { ignoreVary: true });
  if (stored) return stored;
  const response = await fetch(request);
  if (storable(response)) await (await caches.open(APP)).put(request, response.clone());
  return response;
}

async function picture(request) {
  const cache = await caches.open(PICTURES);
  const stored = (await cache.match(request)) ?? (await (await caches.open(SAVED)).match(request));
  if (stored) return stored;
  const response = await fetch(request);
  if (storable(response)) {
    await cache.put(request, response.clone());
    const keys = await cache.keys();
    // The oldest go first (keys come in the order they were stored).
    for (const old of keys.slice(0, Math.max(0, keys.length - PICTURE_ENTRIES))) await cache.delete(old);
  }
  return response;
}

/** What was read more than 30 days ago is let go. */
async function forget() {
  const cache = await caches.open(READ);
  for (const key of await cache.keys()) {
    const stored = await cache.match(key);
    if (!(Date.now() - Number(stored?.headers.get(STORED)) < KEEP_MS)) await cache.delete(key);
  }
}
