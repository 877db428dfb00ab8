/**
 * The analyze pipeline's {@code kpi} stage (registered in {@code
 * META-INF/services/io.udb.core.analyze.AnalyzeStage}).
 */
package io.udb.kpi.analyze;
