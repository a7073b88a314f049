// The middle pane: who the customer is and who has the conversation, the whole transcript
// (customer, bot and agents, with the channel of each message), and the reply box.

import { call, conversationPath, fetchAttachment, isAttachmentPath } from './api.js';
import { el, externalLink, replace } from './dom.js';
import {
  channelName, clockTime, customerName, dayLabel, fullTime, initials, MESSAGE_STATUSES, since,
} from './format.js';

const PAGE = 50;

/** The conversation pane. One instance for the page; `open` switches conversations. */
export class ConversationPane {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.id = null;
    this.conversation = null;
    this.shown = new Set();
    this.lastId = 0;
    this.lastDay = null;
    this.files = [];
  }

  /** Shows conversation `id` from scratch: its header, its newest messages, an empty reply box. */
  async open(id) {
    this.forgetFiles();
    this.id = id;
    this.conversation = null;
    this.shown = new Set();
    this.lastId = 0;
    this.lastDay = null;
    replace(this.root, el('div', { class: 'loading', role: 'status' }, 'Opening the conversation…'));
    const [conversation, page] = await Promise.all([
      call('GET', conversationPath(id)),
      call('GET', conversationPath(id, 'messages') + '?limit=' + PAGE),
    ]);
    if (this.id !== id) return null;
    this.build();
    this.show(conversation);
    this.older(page);
    this.add(page.messages, true);
    return conversation;
  }

  /** Empties the pane. */
  close() {
    this.forgetFiles();
    this.id = null;
    this.conversation = null;
    replace(this.root, el('div', { class: 'empty-state' },
      el('h2', {}, 'No conversation open'),
      el('p', { class: 'muted' }, 'Pick a conversation from the queue. New ones appear here by themselves.')));
  }

  /** Reloads what may have changed: the header and the messages after the last one shown. */
  async refresh() {
    const id = this.id;
    if (!id || !this.conversation) return null;
    const [conversation, page] = await Promise.all([
      call('GET', conversationPath(id)),
      call('GET', conversationPath(id, 'messages') + '?limit=200&after=' + this.lastId),
    ]);
    if (this.id !== id) return null;
    this.show(conversation);
    this.add(page.messages, false);
    return conversation;
  }

  /**
   * Fetches only messages newer than the last one shown. The change counter of the API moves for
   * conversations with people only, so an open conversation the bot has is polled this way.
   */
  async poll() {
    const id = this.id;
    if (!id || !this.conversation) return;
    const page = await call('GET', conversationPath(id, 'messages') + '?limit=200&after=' + this.lastId);
    if (this.id === id) this.add(page.messages, false);
  }

  build() {
    this.header = el('header', { class: 'conv-header' });
    this.olderBox = el('div', { class: 'older' });
    this.list = el('ol', { class: 'messages', 'aria-label': 'Transcript' });
    this.transcript = el('div', { class: 'transcript', tabindex: '0' }, this.olderBox, this.list);
    this.note = el('p', { class: 'composer-note', dataset: { role: 'window-note' } });
    this.error = el('p', { class: 'notice error', role: 'alert', dataset: { role: 'reply-error' }, hidden: true });
    this.input = el('textarea', {
      id: 'reply-text', rows: '3', maxlength: '2000', placeholder: 'Write a reply…  (Enter sends, Shift+Enter adds a line)',
      'aria-label': 'Reply to the customer',
      onkeydown: event => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          this.form.requestSubmit();
        }
      },
    });
    this.sendButton = el('button', { type: 'submit', class: 'button primary', id: 'reply-send' }, 'Send');
    this.form = el('form', { class: 'composer', onsubmit: event => { event.preventDefault(); this.send(); } },
      this.error, this.input, el('div', { class: 'composer-bar' }, this.note, this.sendButton));
    replace(this.root, this.header, this.transcript, this.form);
  }

  show(conversation) {
    this.conversation = conversation;
    const me = this.ctx.agentName();
    const owner = conversation.owner || {};
    const handoff = conversation.handoff || {};
    const name = customerName(conversation.customer);
    const withPeople = owner.kind === 'queue' || owner.kind === 'agent' || owner.kind === 'meta_inbox';
    const mine = owner.kind === 'agent' && owner.agent === me;
    const someoneElse = owner.kind === 'agent' && owner.agent !== me;
    const actions = [];
    if (owner.kind === 'queue') {
      actions.push(this.actionButton('Claim', 'claim', 'primary', () => this.ctx.claim(this.id)));
    } else if (owner.kind === 'bot') {
      actions.push(this.actionButton('Take over from the bot', 'claim', 'primary', () => this.ctx.claim(this.id)));
    }
    if (withPeople) {
      actions.push(this.actionButton('Hand back to the bot', 'hand-back', '', () => this.ctx.handBack(this.id)));
    }
    actions.push(el('button', { type: 'button', class: 'button subtle only-narrow', dataset: { action: 'details' },
      onclick: () => this.ctx.pane('details') }, 'Details'));
    replace(this.header,
      el('button', { type: 'button', class: 'button subtle back only-phone', 'aria-label': 'Back to the list',
        onclick: () => this.ctx.close() }, '‹ Back'),
      el('span', { class: 'avatar large', 'aria-hidden': 'true' }, initials(name)),
      el('div', { class: 'conv-title' },
        el('h2', { dataset: { role: 'customer-name' } }, name),
        el('p', { class: 'conv-sub' },
          el('span', { class: 'channel channel-' + conversation.channel }, channelName(conversation.channel)),
          el('span', { class: 'pill owner-' + owner.kind, dataset: { role: 'owner' } }, ownerWords(owner, me)),
          handoff.reasonText && withPeople ? el('span', { class: 'muted' }, handoff.reasonText) : null,
          handoff.requestedAt && withPeople ? el('time', {
            class: 'muted', datetime: handoff.requestedAt, title: fullTime(handoff.requestedAt),
            dataset: { since: handoff.requestedAt } }, since(handoff.requestedAt)) : null)),
      el('div', { class: 'conv-actions' }, actions));

    const window = conversation.window || {};
    let note = '';
    if (someoneElse) note = owner.agent + ' has this conversation; only they can reply until it is handed back.';
    else if (owner.kind === 'meta_inbox') note = "This conversation is answered in Meta's inbox.";
    else if (!window.lastInboundAt) note = 'The customer has not written yet.';
    else if (!window.open && window.humanAgentOpen) {
      note = 'More than 24 hours since the customer wrote: your reply goes with Messenger’s human-agent tag.';
    } else if (!window.open) note = 'The messaging window is closed: the platform takes no reply until the customer writes again.';
    else if (owner.kind === 'bot') note = 'Replying takes the conversation over from the bot.';
    else if (!mine) note = 'Replying claims the conversation for you.';
    this.note.textContent = note;
    const blocked = someoneElse || owner.kind === 'meta_inbox';
    this.input.disabled = blocked;
    this.sendButton.disabled = blocked;
    return conversation;
  }

  actionButton(label, action, kind, run) {
    return el('button', { type: 'button', class: 'button ' + kind, dataset: { action },
      onclick: event => this.ctx.busy(event.currentTarget, run) }, label);
  }

  older(page) {
    replace(this.olderBox, page.hasOlder ? el('button', {
      type: 'button', class: 'button subtle small', dataset: { action: 'older' },
      onclick: event => this.ctx.busy(event.currentTarget, () => this.loadOlder(page.olderCursor)),
    }, 'Show earlier messages') : this.shown.size || page.messages.length
      ? el('p', { class: 'transcript-start' }, 'Start of the conversation') : null);
  }

  async loadOlder(cursor) {
    const id = this.id;
    const page = await call('GET', conversationPath(id, 'messages') + '?limit=' + PAGE + '&before=' + cursor);
    if (this.id !== id) return;
    const height = this.transcript.scrollHeight;
    const fresh = page.messages.filter(m => !this.shown.has(m.id));
    fresh.forEach(m => this.shown.add(m.id));
    const nodes = [];
    let day = null;
    for (const message of fresh) {
      const label = dayLabel(message.at);
      if (label !== day) nodes.push(daySeparator(label));
      day = label;
      nodes.push(this.messageNode(message));
    }
    const first = this.list.firstChild;
    if (first && first.classList.contains('day') && first.textContent === day) first.remove();
    this.list.prepend(...nodes);
    this.older(page);
    this.transcript.scrollTop += this.transcript.scrollHeight - height;
  }

  add(messages, jump) {
    const nearBottom = this.transcript.scrollHeight - this.transcript.scrollTop - this.transcript.clientHeight < 80;
    let added = false;
    for (const message of messages) {
      if (this.shown.has(message.id)) continue;
      this.shown.add(message.id);
      const label = dayLabel(message.at);
      if (label !== this.lastDay) this.list.append(daySeparator(label));
      this.lastDay = label;
      this.list.append(this.messageNode(message));
      this.lastId = Math.max(this.lastId, message.id);
      added = true;
    }
    if (!this.shown.size && !this.list.firstChild) {
      this.list.append(el('li', { class: 'transcript-empty muted' }, 'No message yet.'));
    } else if (added) {
      const empty = this.list.querySelector('.transcript-empty');
      if (empty) empty.remove();
    }
    if (added && (jump || nearBottom)) this.transcript.scrollTop = this.transcript.scrollHeight;
  }

  messageNode(message) {
    const me = this.ctx.agentName();
    const author = message.author;
    let who;
    if (author === 'customer') who = customerName(this.conversation && this.conversation.customer);
    else if (author === 'bot') who = 'Bot';
    else if (author === 'agent') who = message.agent === me ? 'You' : (message.agent || 'Agent');
    else who = author || 'System';
    // Bot messages leave through the outbox, which does not report back to the transcript yet:
    // only a failure is worth showing for them.
    const status = author === 'agent' || message.status === 'failed' ? MESSAGE_STATUSES[message.status] : null;
    const attachments = (message.attachments || []).map(a => el('li', {}, this.attachmentNode(a)));
    return el('li', { class: 'message from-' + author + (message.status === 'failed' ? ' failed' : ''),
      dataset: { messageId: String(message.id), author } },
    el('div', { class: 'bubble' },
      el('p', { class: 'message-meta' },
        el('span', { class: 'message-author' }, who),
        author === 'agent' && message.agent !== me ? el('span', { class: 'tag' }, 'agent') : null,
        el('span', { class: 'message-channel', title: 'Came by ' + channelName(message.channel) },
          channelName(message.channel)),
        el('time', { datetime: message.at, title: fullTime(message.at) }, clockTime(message.at))),
      message.text ? el('p', { class: 'message-text' }, message.text) : null,
      attachments.length ? el('ul', { class: 'attachments' }, attachments) : null,
      status ? el('p', { class: 'message-status' }, status) : null));
  }

  /**
   * A Messenger attachment is a link to the platform's URL. A WhatsApp one is a link to the agent
   * API, which needs the X-Parley-Inbox header an <a href> cannot send: a button fetches it with the
   * session, then saves it from a blob URL (and shows an image in place); the button becomes a link
   * to that blob, so a second click does not fetch again.
   */
  attachmentNode(attachment) {
    const label = attachment.name || attachmentWord(attachment.type);
    if (!isAttachmentPath(attachment.url)) return externalLink(attachment.url, label + ' ↗', 'attachment');
    const button = el('button', {
      type: 'button', class: 'attachment attachment-fetch', title: 'Fetch from WhatsApp and save',
      onclick: () => this.fetchFile(button, attachment.url, label),
    }, label + ' ↓');
    return button;
  }

  async fetchFile(button, url, label) {
    if (button.disabled) return;
    const id = this.id;
    const previous = button.nextElementSibling;
    if (previous && previous.classList.contains('attachment-error')) previous.remove();
    button.disabled = true;
    button.textContent = 'Fetching ' + label + '…';
    try {
      const { blob, name } = await fetchAttachment(url);
      if (this.id !== id) return;
      const href = URL.createObjectURL(blob);
      this.files.push(href);
      const fileName = name || label;
      const link = el('a', { class: 'attachment attachment-saved', download: fileName, title: 'Save ' + fileName },
        fileName + ' ↓');
      link.setAttribute('href', href); // el keeps only http(s) links; this blob is the page's own
      const nodes = [link];
      if (/^image\/(jpeg|png|gif|webp)$/.test(blob.type)) {
        // A data: URL, which the page's Content-Security-Policy allows for images (blob: it does not).
        nodes.unshift(el('img', { class: 'attachment-preview', src: await dataUrl(blob), alt: label }));
      }
      button.replaceWith(...nodes);
      link.click();
    } catch (error) {
      if (error.status === 401) return;
      button.disabled = false;
      button.textContent = label + ' ↓';
      button.after(el('span', { class: 'attachment-error', role: 'alert' }, sentence(error.message)));
    }
  }

  /** Frees the blobs of files fetched in the conversation being left. */
  forgetFiles() {
    for (const href of this.files) URL.revokeObjectURL(href);
    this.files = [];
  }

  async send() {
    const text = this.input.value.trim();
    if (!text || this.sendButton.disabled) return;
    const id = this.id;
    this.error.hidden = true;
    this.sendButton.disabled = true;
    this.sendButton.textContent = 'Sending…';
    try {
      const answer = await call('POST', conversationPath(id, 'messages'), { text });
      if (this.id !== id) return;
      this.input.value = '';
      this.add([answer.message], true);
      this.ctx.changed();
    } catch (error) {
      if (error.status === 401 || this.id !== id) return;
      this.error.textContent = sentence(error.message);
      this.error.hidden = false;
    } finally {
      this.sendButton.textContent = 'Send';
      if (this.conversation) this.show(this.conversation);
    }
  }
}

function ownerWords(owner, me) {
  switch (owner.kind) {
    case 'queue': return 'Waiting for an agent';
    case 'agent': return owner.agent === me ? 'With you' : 'With ' + owner.agent;
    case 'meta_inbox': return "In Meta's inbox";
    case 'bot': return 'With the bot';
    default: return owner.kind || '';
  }
}

function attachmentWord(type) {
  const words = { image: 'Image', video: 'Video', audio: 'Audio', file: 'File', document: 'Document', sticker: 'Sticker' };
  return words[type] || 'Attachment';
}

function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function daySeparator(label) {
  return el('li', { class: 'day', 'aria-hidden': 'true' }, label);
}

/** The server's message as a sentence: capital first letter, final period. */
export function sentence(text) {
  const clean = String(text || '').trim();
  if (!clean) return 'Something went wrong.';
  const first = clean.charAt(0).toUpperCase() + clean.slice(1);
  return /[.!?]$/.test(first) ? first : first + '.';
}
