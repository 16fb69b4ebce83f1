// Copy buttons for links shown on a page (the participant link on the manage page). The link is
// on the page as selectable text either way; this only reveals each button, copies the text of
// the element it names (data-copy) and says so for a few seconds (data-copied, in the page's language).
(() => {
  for (const button of document.querySelectorAll('button[data-copy]')) {
    const source = document.getElementById(button.dataset.copy || '');
    const status = button.parentElement && button.parentElement.querySelector('[data-copy-status]');
    if (!source || !navigator.clipboard) continue;
    const label = button.textContent;
    let timer;
    button.hidden = false;
    button.addEventListener('click', () => {
      navigator.clipboard.writeText(source.textContent.trim()).then(() => {
        button.textContent = button.dataset.copied || label;
        if (status) status.textContent = button.dataset.copied || '';
        clearTimeout(timer);
        timer = setTimeout(() => {
          button.textContent = label;
          if (status) status.textContent = '';
        }, 3000);
      });
    });
  }
})();
