/**
 * PII detection, column classification and role-based masking.
 *
 * <p>{@link io.udb.security.pii.PiiDetectors} decides whether a value is an email, phone number,
 * card number, IBAN, US SSN, IP address or matches a user pattern; {@link
 * io.udb.security.pii.ColumnClassifier} turns a column's name and a sample of its values into a
 * {@link io.udb.security.pii.ColumnClassification}; {@link io.udb.security.pii.MaskingPolicy} masks
 * rows for callers who may not see raw PII. Every built-in detector runs in time linear in the
 * length of its (truncated) input; user patterns run under a step budget.
 */
package io.udb.security.pii;
