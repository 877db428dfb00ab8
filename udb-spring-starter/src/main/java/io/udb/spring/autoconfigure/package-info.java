/**
 * Spring Boot auto-configuration of UDB: the {@code DataBox} and the capability services as beans,
 * {@code udb.*} properties, Micrometer and OpenTelemetry wiring, health and readiness.
 */
package io.udb.spring.autoconfigure;
