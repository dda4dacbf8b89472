// Starts the app. Trunk would inline this in index.html, but the portal runs under a strict
// Content-Security-Policy without inline script (script-src 'self' 'wasm-unsafe-eval'), so
// Trunk.toml's pattern_script loads this file and passes the hashed file names as attributes.
const tag = document.querySelector('script[data-wasm]');

// The documents this address needs are fetched while the wasm downloads, instead of after it
// starts: the app's own requests then find them in the preload cache. Mirrors
// portal_core::paths::doc_for_route; a mismatch only costs an unused preload.
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

function preloadDocuments() {
  try {
    const meta = document.querySelector('meta[name="portal-api-base"]');
    const api = new URL(meta?.content.trim() || 'api/v1', document.baseURI).href.replace(/\/+$/, '');
    const base = new URL(document.baseURI).pathname.replace(/\/+$/, '');
    const here = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : '';
    let parts = here.split('/').filter(Boolean).map(decodeURIComponent);
    // English pages (`/en/…`) read the same documents under `en/` (portal_core::i18n::Lang).
    const lang = parts[0] === 'en' ? 'en/' : '';
    if (lang) parts = parts.slice(1);
    const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/;
    const docs = [];
    if (parts[0] !== 'nhung') docs.push('site.json');
    if (parts.length === 0) docs.push('home.json');
    else if (parts[0] === 'gioi-thieu' || parts[0] === 'about') {
      // The portal's own pages (paths::ABOUT): the section's first page has its word as slug.
      const page = parts[1] ?? parts[0];
      if (parts.length <= 2 && slug.test(page)) docs.push(`pages/${page}.json`);
    } else if (parts[0] === 'tim-kiem') {
      // A search (src/api/search.rs) starts from the index's manifest.
      if (new URLSearchParams(location.search).get('q')?.trim()) docs.push('search/index.json');
    } else if (parts[0] === 'van-ban') {
      // The register (src/api/register.rs) starts from its manifest; a document is one file.
      if (parts.length === 1) docs.push('documents/index.json');
      else if (parts.length === 2 && slug.test(parts[1])) docs.push(`documents/${parts[1]}.json`);
    } else if ((parts.length === 1 || (parts.length === 3 && parts[1] === 'trang')) && parts[0] !== 'nhung' && slug.test(parts[0])) {
      const raw = (parts[2] ?? new URLSearchParams(location.search).get('trang') ?? '').trim();
      const page = /^[0-9]+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1;
      docs.push(`categories/${parts[0]}/${page}.json`);
    } else if (parts.length === 2 && parts[0] !== 'nhung' && slug.test(parts[1])) {
      docs.push(`articles/${parts[1]}.json`);
    }
    for (const doc of docs) preload(`${api}/${lang}${doc}`);
  } catch {
    // Only an optimisation: the app fetches whatever it needs anyway.
  }
}

async function start() {
  preloadDocuments();
  const { default: init } = await import(tag.dataset.js);
  await init({ module_or_path: tag.dataset.wasm });
}

// A prerendered page shows its content first: the app's files and documents are fetched once the
// page has painted, so on a slow link they do not compete with the page's own style and images
// (the prerender leaves out Trunk's preload links for the same reason). A page without content of
// its own (`trunk serve`) starts the app at once.
if (prerendered && !document.hidden) requestAnimationFrame(() => setTimeout(start));
else start();
