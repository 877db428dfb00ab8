/**
 * The demo service: a Spring Boot application on embedded defaults that serves UDB's HTTP API and a
 * small web page, seeds tenant {@code demo} with real data on its first start, runs an analysis and
 * prints how to try it.
 */
package io.udb.examples.demo;
