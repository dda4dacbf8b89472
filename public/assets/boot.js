// Starts the app. Trunk would inline this in index.html, but the portal runs under a strict
// Content-Security-Policy without inline script (script-src 'self' 'wasm-unsafe-eval'), so
// Trunk.toml's pattern_script loads this file and passes the hashed file names as attributes.
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
