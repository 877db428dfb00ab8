/**
 * An example third-party UDB plugin, shipped as its own jar: the {@code sample-orders} connector
 * ({@link io.udb.exampleplugin.SampleOrdersConnector}, deterministic, seasonal sample sales for
 * demos, tests and load runs) and the {@code cloudevents-file} event sink ({@link
 * io.udb.exampleplugin.CloudEventsFileSink}, CloudEvents JSON lines appended to a file). Both are
 * registered in {@code META-INF/services}; a host finds them by having this jar on its class path.
 */
package io.udb.exampleplugin;
