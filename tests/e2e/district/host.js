// The district site's own script: it must keep running whatever the widgets do.
window.hostScriptRan = true;
document.getElementById('host-status').textContent = 'Trang của phường đã sẵn sàng.';
