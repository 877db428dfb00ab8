/**
 * Token-bucket rate limits per tenant, principal and operation class, built on Bucket4j: in memory
 * by default, in Redis (optional Lettuce dependency) when several processes share one budget.
 */
package io.udb.security.ratelimit;
