// The page's side of reading offline (the worker is the prerender's sw.js), loaded by boot.js once
// the app has started, or at once on the worker's offline page: registers the worker, asks it to
// keep each page the reader arrives at, makes the next link a page load once a new build runs,
// and gives the offline page its lists (<offline-list>) and articles their save button
// (<save-offline>). Every word shown comes from the page (the app's language tables).
const worker = navigator.serviceWorker;
const setting = document.querySelector('meta[name="portal-service-worker"]');

/** Asks the worker that controls this page; its answer, or undefined without one. */
function ask(what, url) {
  const controller = worker?.controller;
  if (!controller) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data?.answer);
    controller.postMessage({ ask: what, url }, [channel.port2]);
  });
}

const here = () => location.href.split('#')[0];

if (worker && setting) {
  const base = new URL('./', document.baseURI);
  worker.register(new URL(setting.content, base), { scope: base.pathname }).catch(() => {});
  // Each page the reader arrives at (the app names it in the title once it has its content).
  let kept = '';
  const keep = () => {
    if (!worker.controller || here() === kept || document.documentElement.hasAttribute('data-offline-fallback')) return;
    kept = here();
    ask('keep', kept);
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
  // A citizen's form gone offline hands its submission to the worker, which sends it when the
  // connection returns even if this page is closed (sw.js, OUTBOX); the form learns it was
  // recorded from the event below (src/components/form).
  addEventListener('portal-outbox', (event) => {
    const { url, body, form } = event.detail ?? {};
    const controller = worker.controller;
    if (controller && typeof url === 'string') controller.postMessage({ ask: 'send', url, body, form }, [new MessageChannel().port2]);
  });
  worker.addEventListener('message', (event) => {
    if (typeof event.data?.sent === 'string') dispatchEvent(new CustomEvent('portal-sent', { detail: { form: event.data.sent, receipt: event.data.receipt } }));
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

const lang = () => document.documentElement.lang || 'vi';
const day = (ms) => new Date(ms).toLocaleDateString(lang(), { day: 'numeric', month: 'numeric', year: 'numeric' });
const fill = (template, value) => (template ?? '').replace('{}', value);

function size(bytes) {
  const [value, unit] = bytes >= 1e6 ? [bytes / 1e6, 'MB'] : [bytes / 1e3, 'KB'];
  return `${new Intl.NumberFormat(lang(), { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}

// The offline page's lists: the saved articles (with a remove button each and the space they
// take), or the pages read in the last 30 days; newest first.
customElements.define('offline-list', class extends HTMLElement {
  connectedCallback() {
    if (document.documentElement.getAttribute('data-offline-fallback') === 'missed') {
      document.querySelector('.offline-missed')?.removeAttribute('hidden');
    }
    this.empty ??= [...this.childNodes];
    this.refresh();
  }

  async refresh() {
    const stored = await ask('list');
    if (!stored) return;
    const saved = this.dataset.kind === 'saved';
    const pages = saved ? stored.saved : stored.read;
    if (!pages.length) {
      this.replaceChildren(...this.empty);
      return;
    }
    const list = document.createElement('ul');
    list.className = 'offline-pages';
    for (const { url, title, stored: when } of pages) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = url;
      link.textContent = title || url;
      const time = document.createElement('time');
      time.dateTime = new Date(when).toISOString();
      time.textContent = day(when);
      item.append(link, ' ', time);
      if (saved) {
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'tool-button';
        remove.textContent = fill(this.dataset.remove, title || url);
        remove.addEventListener('click', async () => {
          await ask('unsave', url);
          await this.refresh();
          this.querySelector('button, a')?.focus();
        });
        item.append(' ', remove);
      }
      list.append(item);
    }
    const parts = [list];
    if (saved) {
      const space = document.createElement('p');
      space.textContent = fill(this.dataset.space, size(stored.savedBytes));
      parts.push(space);
    }
    this.replaceChildren(...parts);
  }
});

// An article's "Save for offline" (src/components/tools.rs renders it invisible, in its place): a
// toggle button once a worker runs. Saved articles stay until removed, so the browser is asked to
// keep the site's storage (persistent storage).
customElements.define('save-offline', class extends HTMLElement {
  async connectedCallback() {
    const button = this.querySelector('button');
    if (!button || this.wired || !worker || !setting) return;
    if (!worker.controller) {
      // A first visit: the worker takes the page once it runs.
      worker.addEventListener('controllerchange', () => this.connectedCallback(), { once: true });
      return;
    }
    this.wired = true;
    // What it says once pressed, in the page's language: "saved|removed" (the prerender's).
    const [saved, removed] = (document.documentElement.dataset.saveOffline ?? '').split('|');
    const status = document.createElement('span');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    this.append(status);
    const page = here();
    button.setAttribute('aria-pressed', String(!!(await ask('saved', page))));
    button.addEventListener('click', async () => {
      if (button.disabled) return;
      button.disabled = true;
      const saving = button.getAttribute('aria-pressed') !== 'true';
      if (saving) navigator.storage?.persist?.().catch(() => {});
      const done = await ask(saving ? 'save' : 'unsave', page);
      button.disabled = false;
      if (done === undefined) return;
      button.setAttribute('aria-pressed', String(saving));
      status.textContent = (saving ? saved : removed) ?? '';
    });
    this.setAttribute('data-ready', '');
  }
});
