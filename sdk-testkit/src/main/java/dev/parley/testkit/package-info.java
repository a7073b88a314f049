/** The platform sandbox: the Graph API and Stripe emulated on localhost, for tests and demos. */
package dev.parley.testkit;
