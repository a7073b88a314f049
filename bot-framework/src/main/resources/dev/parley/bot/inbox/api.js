// Calls to the agent API (bot-framework/INBOX_API.md). Every call carries the header
// X-Parley-Inbox: 1, which the server requires next to the SameSite=Strict session cookie: a page
// of another site can neither send the cookie nor add the header.

const BASE = '/inbox/api';
let onSignedOut = () => {};

/** An answer of the API that was not a success, with the server's message meant for the agent. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Called when the session is gone (401 on anything but signing in). */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

/** Sends a request; resolves to the parsed JSON answer (null for 204), rejects with an ApiError. */
export async function call(method, path, body) {
  const init = {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { 'X-Parley-Inbox': '1', 'Accept': 'application/json' },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. The inbox keeps trying; check your connection.');
  }
  if (response.status === 204) return null;
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = json && json.error ? json.error : {};
    const failure = new ApiError(response.status, error.code || 'http_' + response.status,
      error.message || 'The server answered ' + response.status + '.');
    if (response.status === 401 && path !== '/session') onSignedOut(failure);
    throw failure;
  }
  return json;
}

/**
 * The server's link to a customer's attachment: /inbox/api/conversations/<id>/messages/<n>/attachments/<i>.
 * Only such a link is fetched with the agent's session; any other URL stays an ordinary link.
 */
const ATTACHMENT = /^\/inbox\/api\/conversations\/[^/?#]+\/messages\/[0-9]+\/attachments\/[0-9]+$/;

export function isAttachmentPath(url) {
  return typeof url === 'string' && ATTACHMENT.test(url);
}

/**
 * Fetches an attachment the API serves (isAttachmentPath) with the same header and cookie as `call`:
 * a plain link would carry the cookie but not the header, and be refused. Resolves to
 * { blob, name } (the name from Content-Disposition), rejects with an ApiError.
 */
export async function fetchAttachment(url) {
  if (!isAttachmentPath(url)) throw new ApiError(0, 'invalid', 'That is not a link to an attachment of this inbox.');
  let response;
  try {
    response = await fetch(url, {
      method: 'GET', credentials: 'same-origin', cache: 'no-store', headers: { 'X-Parley-Inbox': '1' },
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    let error = {};
    try {
      const json = await response.json();
      error = json && json.error ? json.error : {};
    } catch {
      error = {};
    }
    const failure = new ApiError(response.status, error.code || 'http_' + response.status,
      error.message || 'The server answered ' + response.status + '.');
    if (response.status === 401) onSignedOut(failure);
    throw failure;
  }
  return { blob: await response.blob(), name: dispositionName(response.headers.get('Content-Disposition')) };
}

/** The file name of a Content-Disposition: the UTF-8 form (filename*) when there is one, else the quoted one. */
function dispositionName(header) {
  if (!header) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // fall back to the plain name
    }
  }
  const plain = /filename="([^"]*)"/i.exec(header);
  return plain ? plain[1] : null;
}

/** The API path of a conversation (ids contain colons: keep them in one encoded segment). */
export function conversationPath(id, action) {
  return '/conversations/' + encodeURIComponent(id) + (action ? '/' + action : '');
}
