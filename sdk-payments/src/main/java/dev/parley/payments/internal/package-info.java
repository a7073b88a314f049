/** Wire and storage forms of the payments module's values. Public for wiring only; not an API. */
package dev.parley.payments.internal;
