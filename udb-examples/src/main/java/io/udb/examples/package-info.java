/** Runnable examples of UDB. */
package io.udb.examples;
