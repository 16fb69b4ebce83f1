// Warns before a back-office session ends for inactivity. The server decides the timeout; this only
// counts down from the page's load (each page load is activity) and shows the warning the page
// already holds. Without JavaScript the page says the limit in its header instead.
(() => {
  const warning = document.getElementById('idle-warning');
  if (!warning) return;
  const idleSeconds = Number(warning.dataset.idleSeconds);
  const warnSeconds = Math.min(300, idleSeconds / 2);
  if (!Number.isFinite(idleSeconds) || idleSeconds <= 0) return;
  setTimeout(
    () => {
      warning.hidden = false;
    },
    (idleSeconds - warnSeconds) * 1000,
  );
  setTimeout(
    () => {
      window.location.assign(warning.dataset.loginUrl || '/staff/login');
    },
    idleSeconds * 1000 + 1000,
  );
})();
