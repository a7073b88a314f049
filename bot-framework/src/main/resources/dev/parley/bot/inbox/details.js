// The right pane: the customer, why the bot handed over and what it had collected, the orders with
// their payment states (refund from here), a payment button, and concierge tasks.

import { call, conversationPath } from './api.js';
import { el, field, keepDrafts, replace, requestId, externalLink } from './dom.js';
import {
  channelName, customerName, fullTime, money, parseAmount, since, PAYMENT_STATES, SLOT_LABELS,
  TASK_KINDS, TASK_STATUSES,
} from './format.js';
import { openRefund } from './refund.js';

const CURRENCIES = ['EUR', 'GBP', 'USD', 'CHF', 'CAD', 'AUD', 'SEK', 'DKK', 'NOK', 'PLN', 'JPY'];
const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF']);

/** The details pane. `show` re-renders only when something changed, keeping what the agent typed. */
export class DetailsPane {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
    this.key = null;
    this.paymentRequest = requestId();
  }

  clear() {
    this.key = null;
    this.root.replaceChildren();
  }

  show(conversation) {
    const key = JSON.stringify(conversation);
    if (key === this.key) return;
    if (!this.key || !this.key.startsWith('{"id":' + JSON.stringify(conversation.id))) {
      this.paymentRequest = requestId();
    }
    this.key = key;
    keepDrafts(this.root, () => replace(this.root,
      el('div', { class: 'details-head only-narrow' },
        el('button', { type: 'button', class: 'button subtle', onclick: () => this.ctx.pane('chat') }, '‹ Back to the chat')),
      this.customer(conversation),
      this.handoff(conversation),
      this.orders(conversation),
      this.tasks(conversation)));
  }

  customer(conversation) {
    const c = conversation.customer || {};
    const rows = [
      ['Name', customerName(c)],
      ['Email', c.email],
      ['Phone', c.phone],
      ['Reached on', (c.identities || []).map(id => channelName(id.split(':')[0])).filter(unique).join(', ')],
    ];
    return section('Customer', 'customer', definitions(rows));
  }

  handoff(conversation) {
    const h = conversation.handoff || {};
    if (!h.status || h.status === 'bot' && !h.requestedAt) {
      return section('Handover', 'handoff', el('p', { class: 'muted' }, 'The bot has this conversation.'));
    }
    const slots = Object.entries(h.slots || {});
    return section('Handover', 'handoff',
      definitions([
        ['Why', h.reasonText],
        ['Customer said', h.detail],
        ['Since', h.requestedAt ? fullTime(h.requestedAt) + ' (' + since(h.requestedAt) + ')' : null],
        ['Agent', h.agent],
        ['Language', h.language],
      ]),
      slots.length ? el('div', { class: 'subsection' },
        el('h4', {}, 'Collected by the bot'),
        definitions(slots.map(([k, v]) => [k, v]))) : null);
  }

  orders(conversation) {
    if (!conversation.paymentsEnabled) {
      return section('Orders and payments', 'orders',
        el('p', { class: 'muted' }, 'Payments are not set up on this server: no orders, payment buttons or refunds.'));
    }
    const orders = conversation.orders || [];
    const cards = orders.map(order => {
      const refundable = order.refundable && order.refundable.minorUnits > 0;
      return el('li', { class: 'card order', dataset: { order: order.orderId } },
        el('div', { class: 'card-top' },
          el('strong', {}, order.orderId),
          el('span', { class: 'state pay-' + order.paymentState, dataset: { role: 'payment-state' } },
            PAYMENT_STATES[order.paymentState] || order.paymentState)),
        order.description ? el('p', { class: 'card-text' }, order.description) : null,
        el('p', { class: 'card-figures' },
          el('span', {}, 'Total ', el('strong', {}, money(order.total))),
          order.refunded && order.refunded.minorUnits > 0
            ? el('span', {}, 'Refunded ', el('strong', {}, money(order.refunded))) : null),
        el('div', { class: 'card-actions' },
          refundable ? el('button', { type: 'button', class: 'button small', dataset: { action: 'refund' },
            onclick: () => openRefund(this.ctx, conversation, order) }, 'Refund…') : null,
          order.paymentUrl && order.paymentState === 'open' ? externalLink(order.paymentUrl, 'Payment page ↗', 'small-link') : null));
    });
    return section('Orders and payments', 'orders',
      cards.length ? el('ul', { class: 'cards' }, cards) : el('p', { class: 'muted' }, 'No order yet.'),
      this.paymentForm(conversation));
  }

  paymentForm(conversation) {
    const latest = (conversation.orders || [])[0];
    const preferred = latest && latest.total ? latest.total.currency : 'EUR';
    const amount = el('input', { type: 'text', inputmode: 'decimal', placeholder: '42.00', autocomplete: 'off',
      dataset: { draft: 'pay-amount' }, required: true });
    const currency = el('select', { dataset: { draft: 'pay-currency' } },
      [...new Set([preferred, ...CURRENCIES])].map(code => el('option', { value: code, selected: code === preferred }, code)));
    const description = el('input', { type: 'text', maxlength: '200', placeholder: 'Gift wrapping',
      dataset: { draft: 'pay-description' }, required: true });
    const error = el('p', { class: 'form-error', role: 'alert', hidden: true });
    const submit = el('button', { type: 'submit', class: 'button small primary' }, 'Send payment button');
    const form = el('form', { class: 'stack', dataset: { form: 'payment-button' }, onsubmit: event => {
      event.preventDefault();
      const code = currency.value;
      const value = parseAmount(amount.value, ZERO_DECIMAL.has(code) ? 0 : 2);
      const what = description.value.trim();
      error.hidden = true;
      if (!value) return fail(error, 'Enter an amount above zero, such as 42.00.');
      if (!what) return fail(error, 'Say what the payment is for: the customer reads it on the button.');
      return this.ctx.busy(submit, async () => {
        const answer = await call('POST', conversationPath(conversation.id, 'payment-button'),
          { amount: value, currency: code, description: what, requestId: this.paymentRequest });
        this.paymentRequest = requestId();
        amount.value = '';
        description.value = '';
        this.ctx.toast('Payment button for ' + money(answer.payment.amount) + ' sent to the customer.');
        this.ctx.changed();
      }, error);
    } },
    el('div', { class: 'inline-fields' }, field('Amount', amount), field('Currency', currency)),
    field('For', description),
    error, submit);
    return el('details', { class: 'fold', dataset: { draft: 'pay-open' } },
      el('summary', {}, 'Send a payment button'), form);
  }

  tasks(conversation) {
    const tasks = conversation.tasks || [];
    const cards = tasks.map(task => this.taskCard(task));
    return section('Concierge tasks', 'tasks',
      cards.length ? el('ul', { class: 'cards' }, cards) : el('p', { class: 'muted' }, 'No task for this customer.'),
      this.taskForm(conversation));
  }

  taskCard(task) {
    const open = task.status === 'new' || task.status === 'claimed' || task.status === 'waiting_for_customer';
    const slots = task.slots || {};
    const rows = Object.keys(SLOT_LABELS).map(k => [SLOT_LABELS[k], slots[k]]);
    rows.splice(4, 0, ['Budget', slots.budget ? money(slots.budget) : null]);
    const actions = [];
    if (task.status === 'new') {
      actions.push(el('button', { type: 'button', class: 'button small', dataset: { action: 'task-claim' },
        onclick: event => this.ctx.busy(event.currentTarget, async () => {
          await call('POST', '/tasks/' + task.number + '/claim');
          this.ctx.toast('You took task ' + task.label + '. The customer was told.');
          this.ctx.changed();
        }) }, 'Take task'));
    }
    let complete = null;
    if (open) {
      const outcome = el('textarea', { rows: '2', maxlength: '2000', placeholder: 'Booked at Chez Marcel, Friday 8pm.',
        dataset: { draft: 'outcome-' + task.number } });
      const error = el('p', { class: 'form-error', role: 'alert', hidden: true });
      const submit = el('button', { type: 'submit', class: 'button small primary' }, 'Mark done');
      complete = el('details', { class: 'fold', dataset: { draft: 'complete-open-' + task.number } },
        el('summary', {}, 'Complete…'),
        el('form', { class: 'stack', dataset: { form: 'task-complete' }, onsubmit: event => {
          event.preventDefault();
          const text = outcome.value.trim();
          error.hidden = true;
          if (!text) return fail(error, 'Write the outcome: the customer reads it.');
          return this.ctx.busy(submit, async () => {
            await call('POST', '/tasks/' + task.number + '/complete', { outcome: text });
            outcome.value = '';
            this.ctx.toast('Task ' + task.label + ' is done. The customer has the outcome.');
            this.ctx.changed();
          }, error);
        } }, field('Outcome, sent to the customer', outcome), error, submit));
    }
    return el('li', { class: 'card task', dataset: { task: String(task.number), status: task.status } },
      el('div', { class: 'card-top' },
        el('strong', {}, task.label + ' · ' + (TASK_KINDS[task.kind] || task.kind)),
        el('span', { class: 'state state-' + task.status, dataset: { role: 'task-status' } },
          TASK_STATUSES[task.status] || task.status)),
      definitions(rows),
      el('p', { class: 'card-foot muted' },
        'Opened ' + fullTime(task.createdAt) + (task.assignee ? ' · ' + task.assignee : '')),
      task.outcome ? el('p', { class: 'card-text outcome' }, task.outcome) : null,
      actions.length ? el('div', { class: 'card-actions' }, actions) : null,
      complete);
  }

  taskForm(conversation) {
    const kind = el('select', { dataset: { draft: 'task-kind' } },
      Object.entries(TASK_KINDS).map(([value, label]) => el('option', { value }, label)));
    const input = (name, placeholder) => el('input', { type: 'text', maxlength: '500', placeholder, autocomplete: 'off',
      dataset: { draft: 'task-' + name } });
    const what = input('what', 'A table for four');
    const when = input('when', 'Friday 8pm');
    const where = input('where', 'Lyon');
    const forWhom = input('for', 'Her sister');
    const budget = el('input', { type: 'text', inputmode: 'decimal', placeholder: '120.00', dataset: { draft: 'task-budget' } });
    const budgetCurrency = el('select', { dataset: { draft: 'task-budget-currency' } },
      CURRENCIES.map(code => el('option', { value: code }, code)));
    const notes = el('textarea', { rows: '2', maxlength: '1000', dataset: { draft: 'task-notes' } });
    const error = el('p', { class: 'form-error', role: 'alert', hidden: true });
    const submit = el('button', { type: 'submit', class: 'button small primary' }, 'Open task');
    const form = el('form', { class: 'stack', dataset: { form: 'task-create' }, onsubmit: event => {
      event.preventDefault();
      error.hidden = true;
      if (!what.value.trim()) return fail(error, 'Say what the customer wants done.');
      const slots = { what: what.value.trim() };
      for (const [key, control] of [['when', when], ['where', where], ['forWhom', forWhom], ['notes', notes]]) {
        if (control.value.trim()) slots[key] = control.value.trim();
      }
      if (budget.value.trim()) {
        const value = parseAmount(budget.value, ZERO_DECIMAL.has(budgetCurrency.value) ? 0 : 2);
        if (!value) return fail(error, 'The budget must be an amount above zero, such as 120.00.');
        slots.budget = { amount: value, currency: budgetCurrency.value };
      }
      const language = conversation.handoff && conversation.handoff.language;
      return this.ctx.busy(submit, async () => {
        const answer = await call('POST', '/tasks', { conversationId: conversation.id, kind: kind.value,
          language: language || undefined, slots });
        for (const control of [what, when, where, forWhom, budget, notes]) control.value = '';
        this.ctx.toast('Task ' + answer.task.label + ' opened. The customer was given its number.');
        this.ctx.changed();
      }, error);
    } },
    field('Kind', kind), field('What', what),
    el('div', { class: 'inline-fields' }, field('When', when), field('Where', where)),
    field('For whom', forWhom),
    el('div', { class: 'inline-fields' }, field('Budget', budget), field('Currency', budgetCurrency)),
    field('Notes', notes), error, submit);
    return el('details', { class: 'fold', dataset: { draft: 'task-open' } }, el('summary', {}, 'New task'), form);
  }
}

function section(title, name, ...children) {
  return el('section', { class: 'panel', dataset: { section: name } }, el('h3', {}, title), children);
}

function definitions(rows) {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (!shown.length) return null;
  return el('dl', { class: 'facts' }, shown.map(([term, value]) => [el('dt', {}, term), el('dd', {}, String(value))]));
}

function fail(error, message) {
  error.textContent = message;
  error.hidden = false;
}

function unique(value, index, array) {
  return array.indexOf(value) === index;
}
