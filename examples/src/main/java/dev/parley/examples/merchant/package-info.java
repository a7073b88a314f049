/**
 * The merchant's side of an order, as a shop would write it with Parley: the confirmation with a
 * receipt and a payment button, the receipt once paid, the shipping update with a tracking link
 * (tagged on Messenger or as a WhatsApp UTILITY template when the customer's window has closed),
 * and the delivery.
 */
package dev.parley.examples.merchant;
