// Builds the page from data without ever parsing data as HTML: every string becomes a text node
// or an attribute value, links are checked to be http(s), and no string is ever parsed as markup.

/**
 * Creates an element. Props: `class`, `text` (textContent), `dataset`, `on<event>` listeners
 * (functions only: any other value under an `on…` name throws, so no string ever becomes an inline
 * handler, which is code), `href` (kept only when it is an http(s) URL), booleans as present/absent
 * attributes, anything else as an attribute. Children: nodes, or strings and numbers (become text
 * nodes); null skipped.
 */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (/^on/i.test(key)) {
      if (typeof value !== 'function') {
        throw new TypeError(`el('${tag}'): ${key} must be a function, not a ${typeof value}`);
      }
      node.addEventListener(key.slice(2).toLowerCase(), value);
    }
    else if (key === 'href') {
      const url = safeUrl(value);
      if (url) node.setAttribute('href', url);
    } else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends children (nodes, strings, numbers, nested arrays); strings become text nodes. */
export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces every child of `node` with `children`. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** The URL if it is absolute http(s), else null: a customer's `javascript:` link never becomes a link. */
export function safeUrl(value) {
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link opening in a new tab without giving the opened page a handle on this one, or plain text. */
export function externalLink(url, label, className) {
  const safe = safeUrl(url);
  if (!safe) return el('span', { class: className }, label);
  return el('a', { class: className, href: safe, target: '_blank', rel: 'noopener noreferrer' }, label);
}

/**
 * Re-renders `container` with `render()` while keeping what the agent was typing: fields with a
 * `data-draft` attribute keep their value (a `<details>` its open state), and the focused one keeps
 * the focus and the caret.
 */
export function keepDrafts(container, render) {
  const drafts = new Map();
  let focused = null;
  let selection = null;
  for (const field of container.querySelectorAll('[data-draft]')) {
    drafts.set(field.dataset.draft, draftValue(field));
    if (field === document.activeElement) {
      focused = field.dataset.draft;
      selection = typeof field.selectionStart === 'number' ? [field.selectionStart, field.selectionEnd] : null;
    }
  }
  render();
  for (const field of container.querySelectorAll('[data-draft]')) {
    if (!drafts.has(field.dataset.draft)) continue;
    const value = drafts.get(field.dataset.draft);
    if (field.tagName === 'DETAILS') field.open = value;
    else if (field.type === 'checkbox' || field.type === 'radio') field.checked = value;
    else field.value = value;
    if (field.dataset.draft === focused) {
      field.focus();
      if (selection) {
        try { field.setSelectionRange(selection[0], selection[1]); } catch { /* not a text field */ }
      }
    }
  }
}

function draftValue(field) {
  if (field.tagName === 'DETAILS') return field.open;
  return field.type === 'checkbox' || field.type === 'radio' ? field.checked : field.value;
}

/** A labelled form field: label text, then the control. */
export function field(label, control, hint) {
  const id = control.id || 'f-' + Math.random().toString(36).slice(2, 10);
  control.id = id;
  return el('div', { class: 'field' },
    el('label', { for: id }, label),
    control,
    hint ? el('p', { class: 'hint' }, hint) : null);
}

/** A random id for requests that must happen once (a refund, a payment link), from the CSPRNG. */
export function requestId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
