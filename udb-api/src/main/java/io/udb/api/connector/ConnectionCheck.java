package io.udb.api.connector;

/**
 * The outcome of testing a connection.
 *
 * @param ok whether the source answered and the credentials work
 * @param message what was checked, or what failed and how to fix it
 */
public record ConnectionCheck(boolean ok, String message) {}
