/**
 * The compiled mirrors of the Java snippets in {@code README.md} and {@code docs/*.md}: each
 * snippet is the region between {@code // snippet:begin <Name>} and {@code // snippet:end} of a
 * class here, and {@link io.udb.examples.snippets.SnippetsTest} checks that the documents show
 * exactly these regions, so that no snippet can go stale.
 */
package io.udb.examples.snippets;
