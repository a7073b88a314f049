/** Payment buttons on Stripe Checkout, verified payment events and refunds. */
package dev.parley.payments;
