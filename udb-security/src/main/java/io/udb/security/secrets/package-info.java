/**
 * Built-in {@link io.udb.api.secret.SecretsProvider}s: environment variables ({@code env}), an
 * in-memory map for tests ({@code memory}) and an AEAD-encrypted file store with key rotation
 * ({@code encrypted-file}, needs Google Tink on the classpath). None of them logs a value, and no
 * {@code toString()} prints one.
 */
package io.udb.security.secrets;
