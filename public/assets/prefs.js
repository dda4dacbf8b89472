// Display preferences (text size, contrast), applied before the first paint so a reader who
// chose large text or high contrast never sees the page flash in the default look. Loaded as a
// tiny external script (the Content-Security-Policy allows no inline script); the app's display
// controls write the same localStorage key.
(function () {
  try {
    var prefs = JSON.parse(localStorage.getItem('portal-display') || '{}');
    var root = document.documentElement;
    if (prefs.size === 1 || prefs.size === 2) root.setAttribute('data-text-size', String(prefs.size));
    if (prefs.contrast === 'high' || prefs.contrast === 'normal') root.setAttribute('data-contrast', prefs.contrast);
    else if (window.matchMedia && matchMedia('(prefers-contrast: more)').matches) root.setAttribute('data-contrast', 'high');
  } catch (e) {
    // Storage blocked or corrupt: the defaults stay.
  }
})();
