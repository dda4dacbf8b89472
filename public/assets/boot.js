// Starts the app. Trunk would inline this in index.html, but the portal runs under a strict
// Content-Security-Policy without inline script (script-src 'self' 'wasm-unsafe-eval'), so
// Trunk.toml's pattern_script loads this file and passes the hashed file names as attributes.
const tag = document.querySelector('script[data-wasm]');

// The documents this page needs are fetched while the wasm downloads, instead of after it starts:
// the app's own requests then find them in the preload cache.
function preload(href) {
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = href;
  document.head.append(link);
}
// A prerendered page (src/prerender) is taken over without a flash: the app renders into a detached
// twin of #app (src/takeover.rs finds it here) and says when its page has content by setting
// <html data-app="ready">; the twin then replaces the prerendered markup in one step, and focus
// moves to the same control in it. Until then the reader reads, scrolls and follows links (page
// loads) in the prerendered page. If the app cannot start (its files or its data fail), the page
// stays as it was served, and one polite line says that some functions are unavailable.
const root = document.documentElement;
// The service worker's offline page, answering an address it has no copy of: no app (it would show
// that address's error); offline.js lists what can be read.
const fallback = root.hasAttribute('data-offline-fallback');
const prerendered = fallback ? null : document.getElementById('app');
if (prerendered) {
  const twin = document.createElement('div');
  twin.id = 'app';
  window.portalRoot = twin;
  // The app's router already listens on the window: links and forms of the prerendered page stay
  // the browser's, instead of being routed in the twin the reader cannot see.
  for (const type of ['click', 'submit']) prerendered.addEventListener(type, (e) => e.stopPropagation());
  const focusable = 'a[href], button, input, select, textarea, [tabindex]';
  new MutationObserver((_, observer) => {
    // Its data failed: the app asks again quietly (src/api/quiet.rs) and swaps once it has it.
    if ('appUnavailable' in root.dataset) unavailable();
    if (root.dataset.app !== 'ready') return;
    observer.disconnect();
    // After the effects of the page's render (the article body) have run.
    setTimeout(() => {
      const active = document.activeElement;
      const at = prerendered.contains(active) ? [...prerendered.querySelectorAll(focusable)].indexOf(active) : -1;
      prerendered.replaceWith(twin);
      carryInput(prerendered, twin);
      delete root.dataset.appUnavailable;
      if (at >= 0) twin.querySelectorAll(focusable)[at]?.focus({ preventScroll: true });
      root.dataset.app = 'on';
    });
  }).observe(root, { attributes: true, attributeFilter: ['data-app', 'data-app-unavailable'] });
}

// What the reader typed or chose in the prerendered page before the app came is not lost: each
// field changed gives its value to the same field of the app's page (the same place, name and
// type: the same components render both), told as if the reader had changed it, so that the
// app's state follows. After the swap: the app listens for these events on the document.
function carryInput(from, to) {
  const fields = 'input:not([type="hidden"]), select, textarea';
  const theirs = to.querySelectorAll(fields);
  from.querySelectorAll(fields).forEach((field, i) => {
    const twin = theirs[i];
    if (!twin || twin.tagName !== field.tagName || twin.name !== field.name || twin.type !== field.type) return;
    const checkable = field.type === 'checkbox' || field.type === 'radio';
    const changed = checkable
      ? field.checked !== field.defaultChecked
      : field.tagName === 'SELECT'
        ? field.selectedIndex !== chosenAtFirst(field)
        : field.value !== field.defaultValue;
    if (!changed) return;
    if (checkable) twin.checked = field.checked;
    else twin.value = field.value;
    for (const type of ['input', 'change']) twin.dispatchEvent(new Event(type, { bubbles: true }));
  });
}

// The option a select shows before anyone chooses: the one marked selected, else the first (which
// is selected without being marked: comparing marks alone would take it for a choice).
function chosenAtFirst(select) {
  const marked = [...select.options].findIndex((o) => o.defaultSelected);
  return marked >= 0 ? marked : select.options.length > 0 ? 0 : -1;
}

// The line, in the page's language (the prerender wrote it on #app), at the end of the page and
// fixed to the bottom of the screen: nothing the reader sees moves.
function unavailable() {
  if (!prerendered?.isConnected || prerendered.querySelector('.app-unavailable')) return;
  const line = document.createElement('p');
  line.className = 'app-unavailable';
  line.setAttribute('role', 'status');
  prerendered.append(line);
  // Filled once the live region is in the page, so that screen readers announce it.
  setTimeout(() => { line.textContent = prerendered.dataset.unavailable ?? ''; }, 100);
}

// The documents this page reads first, as the prerender named them (the route table's
// Route::documents under the page's API base): no address is parsed here.
function preloadDocuments() {
  const docs = document.querySelector('meta[name="portal-documents"]')?.content.split(' ') ?? [];
  for (const doc of docs.filter(Boolean)) preload(new URL(doc, document.baseURI).href);
}

async function start() {
  preloadDocuments();
  // The wasm downloads while the glue script does (init would ask for it only after the glue ran).
  preload(new URL(tag.dataset.wasm, document.baseURI).href);
  const { default: init } = await import(tag.dataset.js);
  await init({ module_or_path: tag.dataset.wasm });
}

// Reading offline (the service worker and the offline page's list), once the app has started and
// the browser is idle: a first visit pays nothing for it before then.
function offline() {
  const idle = window.requestIdleCallback ?? ((f) => setTimeout(f, 200));
  // The same build's file: this script's own ?v= (the prerender writes it).
  idle(() => import(`./offline.js${new URL(import.meta.url).search}`).catch(() => {}));
}

function run() {
  start().then(offline, () => {
    // The app's files did not arrive (the network went after the page did): the page stays, and
    // the app is fetched again once the browser is back online. What can be read offline is
    // still listed.
    unavailable();
    offline();
    addEventListener('online', run, { once: true });
  });
}
// Calls `then` once the page's first content is on the screen: the browser's first-contentful-paint
// entry, given when the frame is presented. (A requestAnimationFrame callback runs before its
// frame is drawn; on a busy phone that frame reached the screen a second later, with the app's
// files already competing with it.) Without paint timing, or if no content paints within 3 s,
// it goes on anyway: the app must start.
function afterFirstPaint(then) {
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    setTimeout(then);
  };
  if (PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      observer.disconnect();
      go();
    }).observe({ type: 'paint', buffered: true });
    setTimeout(go, 3000);
  } else requestAnimationFrame(go);
}

// A prerendered page shows its content first: the app's files and documents are fetched once the
// page has painted, so on a slow link they do not compete with the page's own style and images
// (the prerender leaves out Trunk's preload links for the same reason). A page without content of
// its own (`trunk serve`) starts the app at once.
if (fallback) offline();
else if (prerendered && !document.hidden) afterFirstPaint(run);
else run();
