/**
 * The analyze pipeline's stages of this module: {@code profile}, {@code quality} and {@code drift}
 * (registered in {@code META-INF/services/io.udb.core.analyze.AnalyzeStage}).
 */
package io.udb.quality.analyze;
