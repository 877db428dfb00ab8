/**
 * The analyze pipeline's {@code sync} stage (registered in {@code
 * META-INF/services/io.udb.core.analyze.AnalyzeStage}).
 */
package io.udb.ingest.analyze;
