/** Runnable demos and the command line of the runnable jar. */
package dev.parley.examples;
