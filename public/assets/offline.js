// The page's side of reading offline (the worker is the prerender's sw.js), loaded by boot.js once
// the app has started, or at once on the worker's offline page: registers the worker, asks it to
// keep each page the reader arrives at, makes the next link a page load once a new build runs,
// and lists what can be read offline (<offline-list>, on the offline page).
const worker = navigator.serviceWorker;
const setting = document.querySelector('meta[name="portal-service-worker"]');

if (worker && setting) {
  const base = new URL('./', document.baseURI);
  worker.register(new URL(setting.content, base), { scope: base.pathname }).catch(() => {});
  // Each page the reader arrives at (the app names it in the title once it has its content).
  let kept = '';
  const keep = () => {
    const here = location.href.split('#')[0];
    if (!worker.controller || here === kept || document.documentElement.hasAttribute('data-offline-fallback')) return;
    kept = here;
    worker.controller.postMessage({ keep: here });
  };
  keep();
  worker.addEventListener('controllerchange', keep);
  const title = document.querySelector('title');
  if (title) new MutationObserver(keep).observe(title, { childList: true, characterData: true, subtree: true });

  // A newer build took over (sw.js, activate): this page keeps running its own build until the
  // next link, which is then a page load that brings the new build's page and files whole.
  let newer = false;
  worker.addEventListener('message', (event) => {
    if (event.data?.build && event.data.build !== setting.dataset.build) {
      newer = true;
      document.documentElement.setAttribute('data-newer-build', '');
    }
  });
  // (A listener added this way receives nothing until asked to.)
  worker.startMessages();
  addEventListener('click', (event) => {
    if (!newer || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = event.target instanceof Element ? event.target.closest('a[href]') : null;
    // Before the app's own listeners (capture on the window): the browser follows the link.
    if (a && a.origin === location.origin && !a.target && !a.hasAttribute('download')) event.stopPropagation();
  }, true);
}

// What the worker keeps for reading offline, newest first.
customElements.define('offline-list', class extends HTMLElement {
  connectedCallback() {
    if (document.documentElement.hasAttribute('data-offline-fallback')) {
      document.querySelector('.offline-missed')?.removeAttribute('hidden');
    }
    if (!worker?.controller) return;
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => this.show(event.data?.pages ?? []);
    worker.controller.postMessage({ list: true }, [channel.port2]);
  }

  show(pages) {
    if (!pages.length) return;
    const lang = document.documentElement.lang || 'vi';
    const list = document.createElement('ul');
    for (const { url, title, stored } of pages) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = url;
      link.textContent = title || url;
      const when = document.createElement('time');
      when.dateTime = new Date(stored).toISOString();
      when.textContent = new Date(stored).toLocaleDateString(lang, { day: 'numeric', month: 'numeric', year: 'numeric' });
      item.append(link, ' ', when);
      list.append(item);
    }
    this.replaceChildren(list);
  }
});
