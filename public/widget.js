/*! Cổng Thông tin điện tử Thành phố — the widget page's script (tin.html; docs/widgets.md).
 *
 * Shows one widget: reads its parameters (the query, and the fragment the loader uses so that
 * every widget shares one cached page), validates them (a bad snippet shows a clear message in its own box), fetches
 * the widget's document (widgets/…, written by the content tool with the headlines ready to show),
 * applies theme, accent and language, and tells the embedding page its height — only the origin the
 * loader declared, only with the id it gave.
 */
(function () {
  'use strict';
  // The API's default place and the time limit of a request: portal_core::paths::{API_BASE,
  // API_TIMEOUT_MS} in the app, these in the widget page, which has no wasm.
  var API_BASE = 'api/v1';
  var TIMEOUT_MS = 15000;
  var root = document.documentElement;
  var main = document.getElementById('widget');
  var MAX = 10, DEFAULT = 5;
  var PORTAL = { vi: 'Cổng Thông tin điện tử Thành phố', en: 'City Electronic Information Portal' };
  var WORDS = {
    vi: { loading: 'Đang tải…', failed: 'Tiện ích không hiển thị được', retry: 'Thử lại', empty: 'Chưa có bài viết.',
      more: 'Xem thêm trên Cổng', newTab: ' (mở trong thẻ mới)', noCategory: 'Không tìm thấy chuyên mục',
      network: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.',
      server: 'Máy chủ đang gặp sự cố (mã {}). Vui lòng thử lại sau ít phút.',
      http: 'Máy chủ từ chối yêu cầu (mã {}).',
      invalid: 'Nội dung tạm thời không hiển thị được do dữ liệu không hợp lệ.' },
    en: { loading: 'Loading…', failed: 'This widget cannot be shown', retry: 'Retry', empty: 'No articles yet.',
      more: 'More on the portal', newTab: ' (opens in a new tab)', noCategory: 'No such category',
      network: 'The server could not be reached. Please check your connection and try again.',
      server: 'The server has a problem (code {}). Please try again in a few minutes.',
      http: 'The server refused the request (code {}).',
      invalid: 'This content cannot be shown at the moment: its data is not valid.' }
  };

  var query = new URLSearchParams(location.search);
  new URLSearchParams(location.hash.slice(1)).forEach(function (v, k) { query.append(k, v); });
  function get(names) {
    for (var i = 0; i < names.length; i++) {
      var v = query.get(names[i]);
      if (v !== null) return v.trim();
    }
    return null;
  }

  // The parameters, every problem reported (in Vietnamese, as the snippet's author reads them).
  var segment = location.pathname.replace(/\/+$/, '').split('/').pop();
  var kind = { 'moi-nhat': 'latest', latest: 'latest', 'noi-bat': 'featured', featured: 'featured' }[segment];
  var errors = [];
  if (!kind) errors.push('Loại tiện ích không tồn tại (moi-nhat hoặc noi-bat).');
  var category = get(['chuyen-muc', 'category']);
  if (category !== null && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(category)) errors.push('Chuyên mục “' + category + '” không hợp lệ.');
  else if (category === null && kind === 'latest') errors.push('Thiếu tham số chuyên mục (data-category).');
  var count = get(['so-luong', 'limit']);
  if (count === null || count === '') count = DEFAULT;
  else if (/^[0-9]+$/.test(count) && +count >= 1 && +count <= MAX) count = +count;
  else { errors.push('Số lượng “' + count + '” phải từ 1 đến ' + MAX + '.'); count = DEFAULT; }
  var theme = get(['giao-dien', 'theme']) || 'light';
  theme = { light: 'light', sang: 'light', dark: 'dark', toi: 'dark' }[theme] ||
    (errors.push('Giao diện “' + theme + '” không hợp lệ (light hoặc dark).'), 'light');
  var accent = get(['mau', 'accent']);
  if (accent && !/^#[0-9a-fA-F]{6}$/.test(accent)) { errors.push('Màu nhấn “' + accent + '” phải có dạng #rrggbb.'); accent = null; }
  var lang = get(['ngon-ngu', 'lang']) || 'vi';
  if (lang !== 'vi' && lang !== 'en') { errors.push('Ngôn ngữ “' + lang + '” không hợp lệ (vi hoặc en).'); lang = 'vi'; }
  var target = get(['mo', 'target']) || 'top';
  target = { top: '_top', 'new': '_blank', blank: '_blank' }[target] ||
    (errors.push('Cách mở liên kết “' + target + '” không hợp lệ (top hoặc new).'), '_top');
  var host = get(['host']);
  if (!host || !/^https?:\/\/[A-Za-z0-9.\-:[\]]{1,253}$/.test(host)) host = null;
  var id = get(['id']);
  if (!id || !/^[A-Za-z0-9-]{1,40}$/.test(id)) id = null;
  if (errors.length) lang = 'vi';
  var words = WORDS[lang];

  root.lang = lang;
  root.setAttribute('data-widget-theme', theme);
  if (accent) root.style.setProperty('--accent', accent.toLowerCase());

  // Links lead to the portal: a path relative to its base (the document's routes already carry
  // their language), or its home page in the widget's language.
  function site(path) {
    return new URL(path.replace(/^\//, '') || './', document.baseURI).href;
  }
  var home = site(lang === 'en' ? '/en' : '/');
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs) if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) { e.append(c); });
    return e;
  }
  function link(href, text) {
    var hint = target === '_blank' ? [el('span', { 'class': 'visually-hidden' }, [words.newTab])] : [];
    return el('a', { href: href, target: target, rel: target === '_blank' ? 'noopener' : null }, [text].concat(hint));
  }
  function show(node) {
    main.replaceChildren(node);
    report();
  }

  function failure(messages, retry) {
    var list = el('ul', {}, messages.map(function (m) { return el('li', {}, [m]); }));
    var parts = [el('h2', { 'class': 'widget-title' }, [words.failed]), list];
    if (retry) {
      var again = el('button', { type: 'button', 'class': 'button' }, [words.retry]);
      again.addEventListener('click', load);
      parts.push(again);
    }
    parts.push(el('p', { 'class': 'widget-more' }, [el('a', { href: home, target: '_top' }, [PORTAL[lang]])]));
    show(el('section', { 'class': 'widget widget-error', role: 'alert' }, parts));
  }

  function headlines(doc) {
    var items = (Array.isArray(doc.items) ? doc.items : []).slice(0, count);
    var list = items.length
      ? el('ul', { 'class': 'widget-list' }, items.map(function (a) {
        return el('li', {}, [link(site(String(a.path || '/')), String(a.title || '')),
          el('time', { datetime: a.published }, [String(a.date || '')])]);
      }))
      : el('p', { 'class': 'widget-empty' }, [words.empty]);
    show(el('section', { 'class': 'widget', 'aria-labelledby': 'widget-title' }, [
      el('header', { 'class': 'widget-header' }, [
        el('h2', { id: 'widget-title', 'class': 'widget-title' }, [String(doc.title || '')]),
        el('p', { 'class': 'widget-source' }, [link(home, PORTAL[lang])])
      ]),
      list,
      el('p', { 'class': 'widget-more' }, [link(site(String(doc.link || '/')), words.more)])
    ]));
  }

  function load() {
    show(el('div', { 'class': 'widget widget-loading', 'aria-busy': 'true' }, [el('p', {}, [words.loading])]));
    var meta = document.querySelector('meta[name="portal-api-base"]');
    var api = new URL((meta && meta.content.trim()) || API_BASE, document.baseURI).href.replace(/\/+$/, '');
    var doc = kind === 'featured' ? 'widgets/noi-bat.json' : 'widgets/moi-nhat/' + category + '.json';
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    fetch(api + '/' + (lang === 'en' ? 'en/' : '') + doc, { signal: controller.signal })
      .then(function (res) {
        clearTimeout(timer);
        var type = res.headers.get('content-type') || '';
        if (res.status === 404 || res.status === 410 || (res.ok && type.indexOf('html') >= 0)) {
          return failure([words.noCategory + ' “' + (category || '') + '”.'], false);
        }
        if (!res.ok) return failure([(res.status >= 500 ? words.server : words.http).replace('{}', res.status)], true);
        return res.json().then(headlines, function () { failure([words.invalid], true); });
      }, function () {
        clearTimeout(timer);
        failure([words.network], true);
      });
  }

  // The height, for the loader to size the iframe: now, on every change, and a few times while a
  // lazily loaded frame settles.
  function report() {
    if (!host || !id || window.parent === window) return;
    var height = Math.ceil(root.getBoundingClientRect().height);
    window.parent.postMessage({ type: 'portal-widget:height', id: id, height: height }, host);
  }
  if (window.ResizeObserver) new ResizeObserver(report).observe(root);
  [250, 1000, 3000].forEach(function (ms) { setTimeout(report, ms); });

  if (errors.length) failure(errors, false);
  else load();
})();
