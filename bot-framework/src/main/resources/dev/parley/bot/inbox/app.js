// The agent inbox: signing in and out, the tabs, which conversation is open (in the URL's hash, so
// the browser's Back button works on a phone), and live updates by polling /inbox/api/changes.

import { call, conversationPath, whenSignedOut } from './api.js';
import { el } from './dom.js';
import { renderList, refreshTimes } from './lists.js';
import { ConversationPane, sentence } from './conversation.js';
import { DetailsPane } from './details.js';

const POLL_MS = 1000;
const MAX_BACKOFF_MS = 10000;
const $ = id => document.getElementById(id);

const app = $('app');
const state = {
  agent: null, running: false, timer: null, version: -1, failures: 0,
  tab: 'queue', currentId: null, lists: {}, refreshing: null, again: false,
};

const ctx = {
  agentName: () => state.agent,
  currentId: () => state.currentId,
  open(id) {
    const hash = '#/c/' + encodeURIComponent(id);
    if (location.hash === hash) app.dataset.pane = 'chat';
    else location.hash = hash;
  },
  close() {
    if (location.hash) location.hash = '';
    else route();
  },
  claim(id, button) {
    const run = async () => {
      await call('POST', conversationPath(id, 'claim'));
      toast('The conversation is yours. The customer was told you joined.');
      if (state.currentId === id) changed();
      else ctx.open(id);
    };
    return button ? busy(button, run) : run();
  },
  async handBack(id) {
    await call('POST', conversationPath(id, 'hand-back'));
    toast('Handed back to the bot. It picks up where it left off.');
    changed();
  },
  pane(name) {
    app.dataset.pane = name;
  },
  busy: (button, run, errorBox) => busy(button, run, errorBox),
  toast: (text, kind) => toast(text, kind),
  changed: () => changed(),
};

const conversation = new ConversationPane($('conversation'), ctx);
const details = new DetailsPane($('details'), ctx);

// ---- signing in and out ------------------------------------------------------------------------

function showSignIn(message, kind) {
  stop();
  app.hidden = true;
  $('signin').hidden = false;
  const note = $('signin-error');
  note.textContent = message || '';
  note.hidden = !message;
  note.dataset.kind = kind || 'error';
  $('signin-token').focus();
}

$('signin-form').addEventListener('submit', async event => {
  event.preventDefault();
  const input = $('signin-token');
  const button = $('signin-submit');
  const token = input.value.trim();
  const note = $('signin-error');
  if (!token) {
    showSignIn('Enter your agent token.');
    return;
  }
  button.disabled = true;
  note.hidden = true;
  try {
    const answer = await call('POST', '/session', { token });
    input.value = '';
    start(answer.agent.name);
  } catch (error) {
    input.value = '';
    showSignIn(error.status === 401 ? 'That token was not accepted. Check it and try again.' : sentence(error.message));
  } finally {
    button.disabled = false;
  }
});

$('signout').addEventListener('click', async () => {
  stop();
  try {
    await call('DELETE', '/session');
  } catch {
    // Signed out on this side anyway; the session ends by itself on the server.
  }
  reset();
  showSignIn('You are signed out.', 'info');
});

whenSignedOut(() => {
  if (!state.running) return;
  reset();
  showSignIn('Your session has ended. Sign in again to continue.');
});

function start(name) {
  state.agent = name;
  state.running = true;
  state.version = -1;
  $('signin').hidden = true;
  app.hidden = false;
  $('agent-name').textContent = name;
  live('connecting', 'Connecting');
  route();
  poll();
}

function stop() {
  state.running = false;
  clearTimeout(state.timer);
}

function reset() {
  state.agent = null;
  state.currentId = null;
  state.lists = {};
  conversation.close();
  details.clear();
  $('list').replaceChildren();
  const dialog = $('refund-dialog');
  if (dialog.open) dialog.close();
  if (location.hash) history.replaceState(null, '', location.pathname);
}

// ---- live updates ------------------------------------------------------------------------------

async function poll() {
  if (!state.running) return;
  try {
    const answer = await call('GET', '/changes?since=' + state.version);
    if (answer.changed) {
      await refresh();
      state.version = answer.version;
    } else if (state.currentId) {
      await conversation.poll();
    }
    state.failures = 0;
    live('live', 'Live');
    refreshTimes(app);
  } catch (error) {
    if (error.status === 401) return;
    state.failures += 1;
    live('offline', 'Reconnecting…');
  }
  if (state.running) {
    const delay = state.failures ? Math.min(POLL_MS * 2 ** state.failures, MAX_BACKOFF_MS) : POLL_MS;
    state.timer = setTimeout(poll, delay);
  }
}

function live(kind, text) {
  $('live').dataset.state = kind;
  $('live-text').textContent = text;
}

/** Something changed by the agent's own hand: refresh now instead of at the next poll. */
function changed() {
  refresh().catch(() => {});
}

/** Reloads the lists and the open conversation; calls made meanwhile run once more afterwards. */
function refresh() {
  if (state.refreshing) {
    state.again = true;
    return state.refreshing;
  }
  state.refreshing = (async () => {
    do {
      state.again = false;
      await refreshOnce();
    } while (state.again && state.running);
  })().finally(() => {
    state.refreshing = null;
  });
  return state.refreshing;
}

async function refreshOnce() {
  const [queue, mine, tasks, all] = await Promise.all([
    call('GET', '/queue'),
    call('GET', '/conversations?status=active&mine=true'),
    call('GET', '/tasks'),
    state.tab === 'all' ? call('GET', '/conversations') : null,
  ]);
  if (!state.running) return;
  state.lists = { queue: queue.conversations, mine: mine.conversations, tasks: tasks.tasks,
    all: all ? all.conversations : state.lists.all };
  count('queue', queue.conversations.length);
  count('mine', mine.conversations.length);
  count('tasks', tasks.tasks.length);
  showList();
  if (state.currentId) {
    try {
      const current = await conversation.refresh();
      if (current) shown(current);
    } catch (error) {
      if (error.status === 404) {
        toast('That conversation no longer exists.', 'error');
        ctx.close();
      } else {
        throw error;
      }
    }
  }
}

function count(tab, n) {
  const badge = app.querySelector('[data-count="' + tab + '"]');
  badge.textContent = n ? String(n) : '';
}

function showList() {
  const items = state.lists[state.tab];
  if (items) renderList($('list'), state.tab, items, ctx);
}

// ---- tabs and the open conversation ------------------------------------------------------------

for (const tab of app.querySelectorAll('[data-tab]')) {
  tab.addEventListener('click', () => {
    state.tab = tab.dataset.tab;
    for (const other of app.querySelectorAll('[data-tab]')) {
      other.setAttribute('aria-selected', String(other === tab));
    }
    app.dataset.pane = 'list';
    showList();
    changed();
  });
}

window.addEventListener('hashchange', () => {
  if (state.running) route();
});

function route() {
  const match = /^#\/c\/(.+)$/.exec(location.hash);
  let id = null;
  try {
    id = match ? decodeURIComponent(match[1]) : null;
  } catch {
    id = null;
  }
  if (id === state.currentId) {
    if (id) app.dataset.pane = 'chat';
    return;
  }
  state.currentId = id;
  showList();
  details.clear();
  if (id) app.dataset.open = 'true';
  else delete app.dataset.open;
  if (!id) {
    conversation.close();
    app.dataset.pane = 'list';
    return;
  }
  app.dataset.pane = 'chat';
  conversation.open(id).then(current => {
    if (current) shown(current);
  }).catch(error => {
    if (error.status === 401 || state.currentId !== id) return;
    conversation.root.replaceChildren(el('div', { class: 'empty-state' },
      el('h2', {}, 'This conversation cannot be opened'),
      el('p', { class: 'muted' }, sentence(error.message))));
  });
}

function shown(current) {
  details.show(current);
  const handoff = current.handoff || {};
  const owner = current.owner || {};
  if (handoff.unread > 0 && owner.kind === 'agent' && owner.agent === state.agent) {
    call('POST', conversationPath(current.id, 'read')).catch(() => {});
  }
}

// ---- feedback ----------------------------------------------------------------------------------

async function busy(button, run, errorBox) {
  if (button.disabled) return;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (errorBox) errorBox.hidden = true;
  try {
    await run();
  } catch (error) {
    if (error.status === 401) return;
    const text = sentence(error.message);
    if (errorBox) {
      errorBox.textContent = text;
      errorBox.hidden = false;
    } else {
      toast(text, 'error');
    }
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

function toast(text, kind = 'info') {
  const node = el('div', { class: 'toast toast-' + kind, role: kind === 'error' ? 'alert' : null }, text);
  const toasts = $('toasts');
  toasts.append(node);
  while (toasts.children.length > 2) toasts.firstChild.remove();
  setTimeout(() => node.remove(), kind === 'error' ? 9000 : 5000);
}

// ---- boot --------------------------------------------------------------------------------------

(async () => {
  try {
    const answer = await call('GET', '/session');
    start(answer.agent.name);
  } catch (error) {
    showSignIn(error.status === 401 ? '' : sentence(error.message));
  } finally {
    $('boot').hidden = true;
  }
})();
