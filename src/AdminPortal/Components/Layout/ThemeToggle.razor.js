// Stores the theme choice for the server (which renders the next page with it) and swaps the theme's
// stylesheet in place. The new sheet is loaded before the old one is removed, so nothing flashes.
export function applyTheme(name, stylesheet, cookieName, maxAgeSeconds) {
  const secure = location.protocol === 'https:' ? '; secure' : '';
  document.cookie = `${cookieName}=${name}; path=/; max-age=${maxAgeSeconds}; samesite=lax${secure}`;
  document.documentElement.dataset.theme = name;

  const current = document.getElementById('portal-theme');
  if (!current || current.getAttribute('href') === stylesheet) {
    return;
  }
  const next = current.cloneNode();
  next.removeAttribute('id');
  next.setAttribute('href', stylesheet);
  next.addEventListener('load', () => {
    current.remove();
    next.id = 'portal-theme';
  }, { once: true });
  current.after(next);
}
