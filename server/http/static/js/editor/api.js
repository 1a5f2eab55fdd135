// @ts-check
/** JSON calls to the API with the session's CSRF token. Never throws for HTTP errors. */

/** @typedef {{ ok: boolean, status: number, body: any }} ApiReply */

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta instanceof HTMLMetaElement ? meta.content : '';
}

/**
 * @param {string} method
 * @param {string} url
 * @param {unknown} [body]
 * @returns {Promise<ApiReply>} status 0 means the network failed (offline, server down)
 */
export async function api(method, url, body) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { ok: res.ok, status: res.status, body: parsed };
  } catch {
    return { ok: false, status: 0, body: null };
  }
}

/**
 * The message of an error reply.
 * @param {ApiReply} reply
 * @param {(key: string, vars?: Record<string, string | number>) => string} t
 */
export function errorMessage(reply, t) {
  if (reply.status === 0) return t('error.network');
  return reply.body?.error?.message ?? t('error.generic', { status: reply.status });
}
