// The sidebar: the queue, my conversations, every conversation with people, and concierge tasks.

import { el, replace } from './dom.js';
import { channelName, customerName, initials, since, fullTime, TASK_KINDS, TASK_STATUSES } from './format.js';

const EMPTY = {
  queue: ['Nobody is waiting', 'Conversations the bot hands over appear here.'],
  mine: ['Nothing assigned to you', 'Claim a conversation from the queue to answer it.'],
  all: ['No conversation with people', 'The bot is handling everything right now.'],
  tasks: ['No open task', 'Concierge requests the bot collects appear here.'],
};

/** Renders the list of `tab` from `items` (conversations, or tasks for the tasks tab). */
export function renderList(container, tab, items, ctx) {
  if (!items.length) {
    const [title, text] = EMPTY[tab];
    replace(container, el('div', { class: 'list-empty' }, el('strong', {}, title), el('p', { class: 'muted' }, text)));
    return;
  }
  const rows = tab === 'tasks' ? items.map(task => taskRow(task, ctx)) : items.map(entry => conversationRow(entry, tab, ctx));
  replace(container, el('ul', { class: 'rows' }, rows));
}

function conversationRow(entry, tab, ctx) {
  const name = customerName(entry.customer);
  const selected = entry.id === ctx.currentId();
  const status = statusWords(entry, ctx.agentName());
  const open = () => ctx.open(entry.id);
  const claim = tab === 'queue' ? el('button', {
    type: 'button', class: 'button small primary', dataset: { action: 'claim' },
    onclick: event => { event.stopPropagation(); ctx.claim(entry.id, event.currentTarget); },
  }, 'Claim') : null;
  return el('li', {
    class: 'row' + (selected ? ' selected' : '') + (entry.unread ? ' unread' : '') + (claim ? ' claimable' : ''),
    dataset: { conversation: entry.id, status: entry.status },
  },
  el('button', { type: 'button', class: 'row-open', onclick: open, 'aria-current': selected ? 'true' : null },
    el('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(name)),
    el('span', { class: 'row-body' },
      el('span', { class: 'row-top' },
        el('span', { class: 'row-name' }, name),
        el('time', { class: 'row-time', datetime: entry.waitingSince, title: 'Waiting since ' + fullTime(entry.waitingSince),
          dataset: { since: entry.waitingSince || '' } }, since(entry.waitingSince)),
        entry.unread ? el('span', { class: 'badge-unread', title: entry.unread + ' unread', dataset: { unread: entry.unread } },
          String(entry.unread)) : null),
      el('span', { class: 'row-meta' },
        el('span', { class: 'channel channel-' + entry.channel }, channelName(entry.channel)),
        el('span', { class: 'row-reason' }, entry.reasonText || status)),
      entry.lastMessage ? el('span', { class: 'row-preview' }, entry.lastMessage) : null,
      tab !== 'queue' ? el('span', { class: 'row-status' }, status) : null)),
  claim);
}

function statusWords(entry, me) {
  if (entry.status === 'waiting') return 'Waiting in the queue';
  if (entry.status === 'meta_inbox') return "Answered in Meta's inbox";
  if (entry.agent === me) return 'With you';
  return entry.agent ? 'With ' + entry.agent : 'With an agent';
}

function taskRow(task, ctx) {
  const what = task.slots && task.slots.what ? task.slots.what : TASK_KINDS[task.kind] || task.kind;
  const when = task.slots && task.slots.when;
  return el('li', { class: 'row task-row', dataset: { task: String(task.number) } },
    el('button', { type: 'button', class: 'row-open', onclick: () => ctx.open(task.conversationId) },
      el('span', { class: 'task-label' }, task.label),
      el('span', { class: 'row-body' },
        el('span', { class: 'row-top' },
          el('span', { class: 'row-name' }, what),
          el('time', { class: 'row-time', datetime: task.createdAt, title: 'Opened ' + fullTime(task.createdAt),
            dataset: { since: task.createdAt || '' } }, since(task.createdAt))),
        el('span', { class: 'row-meta' },
          el('span', { class: 'kind' }, TASK_KINDS[task.kind] || task.kind),
          el('span', { class: 'state state-' + task.status }, TASK_STATUSES[task.status] || task.status),
          task.assignee ? el('span', { class: 'muted' }, task.assignee) : null),
        when ? el('span', { class: 'row-preview' }, when) : null)));
}

/** Refreshes the "4 min" labels of everything on screen that says how long ago something was. */
export function refreshTimes(root) {
  const now = Date.now();
  for (const node of root.querySelectorAll('time[data-since]')) {
    if (node.dataset.since) node.textContent = since(node.dataset.since, now);
  }
}
