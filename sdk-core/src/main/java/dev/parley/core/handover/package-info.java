/** Messenger's Handover Protocol: passing, taking and requesting thread control. */
package dev.parley.core.handover;
