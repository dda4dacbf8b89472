/*! Cổng Thông tin điện tử Thành phố — widget loader (no dependencies). See docs/widgets.md.
 *
 * Finds placeholders such as
 *   <div data-portal-widget="latest" data-category="thoi-su" data-limit="5">
 *     <a href="https://portal.example/thoi-su">Tin mới nhất: Thời sự</a>   <- fallback without scripts
 *   </div>
 * and puts a titled iframe with the portal's widget view in each. The iframe reports its height
 * with postMessage; only messages from the portal's origin, from that very iframe, are accepted,
 * and the widget only sends to the origin it was told is its host.
 *
 * Safe to include twice and on single-page hosts: placeholders are marked once handled, and
 * window.PortalWidgets.scan() picks up placeholders added later.
 */
(function () {
  'use strict';
  if (window.PortalWidgets && window.PortalWidgets.version) {
    // Loaded again: just look for new placeholders.
    window.PortalWidgets.scan();
    return;
  }
  var script = document.currentScript;
  var base;
  try {
    base = new URL('.', script && script.src ? script.src : location.href);
  } catch (e) {
    return;
  }
  var portalOrigin = base.origin;
  var KINDS = { latest: 'moi-nhat', featured: 'noi-bat' };
  var PARAMS = { category: 'category', limit: 'limit', theme: 'theme', accent: 'accent', target: 'target', lang: 'lang' };
  var frames = {};
  var counter = 0;

  function widgetUrl(el, id) {
    var kind = KINDS[el.getAttribute('data-portal-widget')] || encodeURIComponent(el.getAttribute('data-portal-widget') || '');
    var query = [];
    for (var name in PARAMS) {
      var value = el.getAttribute('data-' + name);
      if (value !== null) query.push(PARAMS[name] + '=' + encodeURIComponent(value));
    }
    query.push('host=' + encodeURIComponent(location.origin));
    query.push('id=' + id);
    // In the fragment: every widget's page is then one URL, fetched once and shared (its script
    // reads the query as well, for iframes written by hand).
    return new URL('nhung/' + kind + '#' + query.join('&'), base).href;
  }

  function defaultTitle(el) {
    var kind = el.getAttribute('data-portal-widget');
    var cat = el.getAttribute('data-category');
    return (kind === 'featured' ? 'Tin nổi bật' : 'Tin mới nhất' + (cat ? ' (' + cat + ')' : '')) +
      ' – Cổng Thông tin điện tử Thành phố';
  }

  function mount(el) {
    try {
      if (el.getAttribute('data-portal-widget-ready')) return;
      el.setAttribute('data-portal-widget-ready', 'true');
      var id = 'pw-' + (++counter) + '-' + Math.random().toString(36).slice(2, 8);
      var frame = document.createElement('iframe');
      frame.src = widgetUrl(el, id);
      frame.title = el.getAttribute('data-title') || defaultTitle(el);
      frame.loading = 'lazy';
      frame.referrerPolicy = 'strict-origin-when-cross-origin';
      frame.setAttribute('scrolling', 'no');
      frame.style.cssText = 'display:block;width:100%;height:320px;border:0;overflow:hidden;color-scheme:normal';
      frames[id] = frame;
      // The fallback link stays for readers without scripts; with scripts the iframe replaces it.
      var fallback = el.children;
      for (var i = 0; i < fallback.length; i++) fallback[i].hidden = true;
      el.appendChild(frame);
    } catch (e) {
      // A broken placeholder must never break the host page.
    }
  }

  function scan(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var list = scope.querySelectorAll('[data-portal-widget]:not([data-portal-widget-ready])');
    for (var i = 0; i < list.length; i++) mount(list[i]);
    return list.length;
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== portalOrigin) return;
    var data = event.data;
    if (!data || data.type !== 'portal-widget:height' || typeof data.id !== 'string') return;
    var frame = frames[data.id];
    if (!frame || frame.contentWindow !== event.source) return;
    var height = Number(data.height);
    if (height > 0 && height < 10000) frame.style.height = Math.ceil(height) + 'px';
  });

  window.PortalWidgets = { version: 1, scan: scan };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { scan(); });
  else scan();
})();
