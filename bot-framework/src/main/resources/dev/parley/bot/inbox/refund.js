// Refunds go through two steps: choose the amount (all that is refundable, or a part), then
// confirm what exactly will happen. The confirmation carries one request id, so a retried click
// refunds once.

import { call, conversationPath } from './api.js';
import { el, field, replace, requestId } from './dom.js';
import { customerName, decimalsOf, money, parseAmount, toMinor } from './format.js';

/** Opens the refund dialog for `order` of `conversation`. */
export function openRefund(ctx, conversation, order) {
  const dialog = document.getElementById('refund-dialog');
  const decimals = decimalsOf(order.refundable);
  const currency = order.refundable.currency;
  const choice = { full: true, amount: '', reason: '', id: null };

  const choose = () => {
    const full = el('input', { type: 'radio', name: 'refund-kind', value: 'full', checked: choice.full });
    const part = el('input', { type: 'radio', name: 'refund-kind', value: 'partial', checked: !choice.full });
    const amount = el('input', { id: 'refund-amount', type: 'text', inputmode: 'decimal', autocomplete: 'off',
      placeholder: decimals ? '10.' + '0'.repeat(decimals) : '1000', value: choice.amount, disabled: choice.full });
    const reason = el('input', { id: 'refund-reason', type: 'text', maxlength: '500', value: choice.reason,
      placeholder: 'Damaged in transit' });
    const error = el('p', { class: 'form-error', role: 'alert', hidden: true });
    const toggle = () => {
      amount.disabled = full.checked;
      if (!amount.disabled) amount.focus();
    };
    full.addEventListener('change', toggle);
    part.addEventListener('change', toggle);
    const form = el('form', { class: 'dialog-body', dataset: { step: 'choose' }, onsubmit: event => {
      event.preventDefault();
      choice.full = full.checked;
      choice.amount = amount.value;
      choice.reason = reason.value.trim();
      if (!choice.full) {
        const value = parseAmount(amount.value, decimals);
        if (!value) {
          error.textContent = 'Enter an amount above zero with at most ' + decimals + ' decimals, such as '
            + (decimals ? '10.' + '0'.repeat(decimals) : '1000') + '.';
          error.hidden = false;
          return;
        }
        if (toMinor(value) > order.refundable.minorUnits) {
          error.textContent = format(value, currency) + ' is more than the ' + money(order.refundable)
            + ' that can still be refunded.';
          error.hidden = false;
          return;
        }
        choice.amount = value;
      }
      choice.id = requestId();
      replace(dialog, confirm());
      dialog.querySelector('[data-action="confirm-refund"]').focus();
    } },
    el('h2', { id: 'refund-title' }, 'Refund order ' + order.orderId),
    el('p', { class: 'muted' }, [order.description, 'paid ' + money(order.total),
      order.refunded && order.refunded.minorUnits ? 'refunded so far ' + money(order.refunded) : null]
      .filter(Boolean).join(' · ')),
    el('fieldset', { class: 'choices' },
      el('legend', {}, 'How much?'),
      el('label', { class: 'choice' }, full, ' All that is refundable: ', el('strong', {}, money(order.refundable))),
      el('label', { class: 'choice' }, part, ' Part of it'),
      el('div', { class: 'amount-field' }, field('Amount in ' + currency, amount))),
    field('Reason (kept in the record)', reason),
    error,
    el('div', { class: 'dialog-actions' },
      el('button', { type: 'button', class: 'button subtle', onclick: () => dialog.close() }, 'Cancel'),
      el('button', { type: 'submit', class: 'button primary', dataset: { action: 'review-refund' } }, 'Review refund')));
    return form;
  };

  const confirm = () => {
    const shown = choice.full ? money(order.refundable) : format(choice.amount, currency);
    const error = el('p', { class: 'form-error', role: 'alert', hidden: true });
    const go = el('button', { type: 'button', class: 'button danger', dataset: { action: 'confirm-refund' } },
      'Refund ' + shown);
    go.addEventListener('click', () => ctx.busy(go, async () => {
      const body = { orderId: order.orderId, currency, requestId: choice.id };
      if (!choice.full) body.amount = choice.amount;
      if (choice.reason) body.reason = choice.reason;
      const answer = await call('POST', conversationPath(conversation.id, 'refunds'), body);
      dialog.close();
      ctx.toast('Refunded ' + money(answer.refund.amount) + ' on order ' + answer.refund.orderId + ' ('
        + answer.refund.status + '). The customer is told.');
      ctx.changed();
    }, error));
    return el('div', { class: 'dialog-body', dataset: { step: 'confirm' } },
      el('h2', { id: 'refund-title' }, 'Confirm the refund'),
      el('p', { class: 'confirm-line', dataset: { role: 'refund-summary' } },
        'Refund ', el('strong', {}, shown), ' to ', el('strong', {}, customerName(conversation.customer)), '?'),
      el('dl', { class: 'facts' },
        el('dt', {}, 'Order'), el('dd', {}, order.orderId + (order.description ? ' · ' + order.description : '')),
        el('dt', {}, 'Refund'), el('dd', {}, choice.full ? 'Everything refundable' : 'Part: ' + shown + ' of '
          + money(order.refundable) + ' refundable'),
        choice.reason ? [el('dt', {}, 'Reason'), el('dd', {}, choice.reason)] : null),
      el('p', { class: 'notice warning' }, 'The money goes back to the customer, who gets a message about it. '
        + 'A refund cannot be undone.'),
      error,
      el('div', { class: 'dialog-actions' },
        el('button', { type: 'button', class: 'button subtle', onclick: () => replace(dialog, choose()) }, 'Back'),
        go));
  };

  replace(dialog, choose());
  if (!dialog.open) dialog.showModal();
}

/** An amount the agent typed, formatted like the server formats amounts. */
function format(decimal, currency) {
  try {
    const digits = (String(decimal).split('.')[1] || '').length;
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: digits,
      maximumFractionDigits: digits }).format(Number(decimal));
  } catch {
    return decimal + ' ' + currency;
  }
}
