// @ts-check
/**
 * Progressive enhancement for every page. The pages work without it; the editor issue adds
 * in-place editing on top of the same `data-segment-id` / `data-side` hooks.
 */

/** The CSRF token of the signed-in session, for fetch() calls that change state. */
export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta instanceof HTMLMetaElement ? meta.content : '';
}

// Keep the language switcher on the same page: carry the current path, drop only `lng`.
for (const link of document.querySelectorAll('.lang-switch a[data-lng]')) {
  if (!(link instanceof HTMLAnchorElement)) continue;
  const url = new URL(window.location.href);
  url.searchParams.set('lng', link.dataset.lng ?? 'en');
  link.href = url.pathname + url.search + url.hash;
}
