/**
 * The platform sandbox: the Graph API (Messenger and WhatsApp) and Stripe emulated on localhost, for
 * tests and demos. Start with {@link dev.parley.testkit.PlatformSandbox#builder()}; play customers
 * with {@link dev.parley.testkit.MessengerCustomer} and {@link dev.parley.testkit.WhatsAppCustomer},
 * payments with {@link dev.parley.testkit.StripeAccount}, failures with {@link dev.parley.testkit.Fault}.
 * Depends on no other Parley module, so it checks Parley's wire format instead of sharing it.
 */
package dev.parley.testkit;
