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
// loads) in the prerendered page.
const prerendered = document.getElementById('app');
if (prerendered) {
  const twin = document.createElement('div');
  twin.id = 'app';
  window.portalRoot = twin;
  const root = document.documentElement;
  const focusable = 'a[href], button, input, select, textarea, [tabindex]';
  new MutationObserver((_, observer) => {
    if (root.dataset.app !== 'ready') return;
    observer.disconnect();
    // After the effects of the page's render (the article body) have run.
    setTimeout(() => {
      const active = document.activeElement;
      const at = prerendered.contains(active) ? [...prerendered.querySelectorAll(focusable)].indexOf(active) : -1;
      prerendered.replaceWith(twin);
      if (at >= 0) twin.querySelectorAll(focusable)[at]?.focus({ preventScroll: true });
      root.dataset.app = 'on';
    });
  }).observe(root, { attributes: true, attributeFilter: ['data-app'] });
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

// A prerendered page shows its content first: the app's files and documents are fetched once the
// page has painted, so on a slow link they do not compete with the page's own style and images
// (the prerender leaves out Trunk's preload links for the same reason). A page without content of
// its own (`trunk serve`) starts the app at once.
if (prerendered && !document.hidden) requestAnimationFrame(() => setTimeout(start));
else start();
