// Words and numbers as an agent reads them: channel names, states, times, amounts.

export const CHANNELS = { messenger: 'Messenger', whatsapp: 'WhatsApp' };

export const PAYMENT_STATES = {
  created: 'Created', open: 'Awaiting payment', paid: 'Paid', failed: 'Payment failed', expired: 'Link expired',
  partly_refunded: 'Partly refunded', refunded: 'Refunded',
};

export const TASK_STATUSES = {
  new: 'New', claimed: 'In progress', waiting_for_customer: 'Waiting for customer', done: 'Done',
  cancelled: 'Cancelled',
};

export const TASK_KINDS = {
  reservation: 'Reservation', purchase: 'Purchase', gift: 'Gift', delivery_problem: 'Delivery problem',
  return: 'Return', other: 'Other',
};

export const MESSAGE_STATUSES = {
  received: null, pending: 'Sending…', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Not delivered',
};

export const SLOT_LABELS = { what: 'What', when: 'When', where: 'Where', forWhom: 'For whom', notes: 'Notes' };

export function channelName(channel) {
  return CHANNELS[channel] || channel || 'Unknown channel';
}

/** The customer's name, or words that say it is unknown. */
export function customerName(customer) {
  return customer && customer.name ? customer.name : 'Unnamed customer';
}

export function initials(name) {
  const words = String(name || '?').trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map(w => Array.from(w)[0] || '').join('').toUpperCase() || '?';
}

/** "just now", "4 min", "2 h 5 min", "3 days": how long ago `iso` was. */
export function since(iso, now = Date.now()) {
  if (!iso) return '';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes + ' min';
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours + ' h' + (minutes % 60 ? ' ' + (minutes % 60) + ' min' : '');
  const days = Math.floor(hours / 24);
  return days + (days === 1 ? ' day' : ' days');
}

export function clockTime(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
}

export function fullTime(iso) {
  return iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/** "Today", "Yesterday" or the date: the separators of a transcript. */
export function dayLabel(iso) {
  const day = new Date(iso);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (day.toDateString() === today.toDateString()) return 'Today';
  if (day.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return day.toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

export function money(value) {
  return value ? value.formatted || value.amount + ' ' + value.currency : '';
}

/** Digits after the decimal point of an amount the API sent ("42.00": 2, "500": 0). */
export function decimalsOf(value) {
  const text = value && value.amount ? String(value.amount) : '';
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * The agent's typed amount as the API's decimal string ("10,5" → "10.50" with 2 decimals), or null
 * when it is not a positive amount with at most `decimals` digits after the point.
 */
export function parseAmount(text, decimals = 2) {
  const clean = String(text || '').trim().replace(',', '.');
  const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(clean);
  if (!match || (match[2] || '').length > decimals) return null;
  const fraction = (match[2] || '').padEnd(decimals, '0');
  const result = decimals > 0 ? String(Number(match[1])) + '.' + fraction : String(Number(match[1]));
  return toMinor(result) > 0 ? result : null;
}

/** Minor units of a decimal string, as an integer ("10.50": 1050). */
export function toMinor(decimal) {
  return Number(String(decimal).replace('.', ''));
}
