// Stores the theme choice for the server (which renders the next page with it) and swaps Radzen's
// stylesheet in place. The new sheet is loaded before the old one is removed, so nothing flashes.
export function applyTheme(name, radzenTheme, cookieName, maxAgeSeconds) {
  const secure = location.protocol === 'https:' ? '; secure' : '';
  document.cookie = `${cookieName}=${name}; path=/; max-age=${maxAgeSeconds}; samesite=lax${secure}`;
  document.documentElement.dataset.theme = name;

  const current = document.getElementById('radzen-theme-link');
  if (!current) {
    return;
  }
  const href = current.getAttribute('href').replace(/[\w-]+-base\.css/, `${radzenTheme}-base.css`);
  if (href === current.getAttribute('href')) {
    return;
  }
  const next = current.cloneNode();
  next.removeAttribute('id');
  next.setAttribute('href', href);
  next.addEventListener('load', () => {
    current.remove();
    next.id = 'radzen-theme-link';
  }, { once: true });
  current.after(next);
}
