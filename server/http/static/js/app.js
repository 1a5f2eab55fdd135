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

/** Sends JSON to the API; resolves to the parsed reply, or throws an Error with its message. */
export async function sendJson(
  /** @type {string} */ method,
  /** @type {string} */ url,
  /** @type {unknown} */ body = undefined,
) {
  const res = await fetch(url, {
    method,
    headers: {
      'Content-Type': 'application/json',
      'X-CSRF-Token': csrfToken(),
      Accept: 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = res.status === 204 ? {} : await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(data?.error?.message ?? res.statusText);
    /** @type {any} */ (err).data = data;
    throw err;
  }
  return data;
}

// Keep the language switcher on the same page: carry the current path, drop only `lng`.
for (const link of document.querySelectorAll('.lang-switch a[data-lng]')) {
  if (!(link instanceof HTMLAnchorElement)) continue;
  const url = new URL(window.location.href);
  url.searchParams.set('lng', link.dataset.lng ?? 'en');
  link.href = url.pathname + url.search + url.hash;
}
