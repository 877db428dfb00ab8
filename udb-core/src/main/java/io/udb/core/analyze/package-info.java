/**
 * The analyze pipeline: one job that syncs, profiles, checks, compares with baselines and computes
 * KPIs, with stages contributed by the capability modules ({@link
 * io.udb.core.analyze.AnalyzeStage}, found by {@link java.util.ServiceLoader} or given explicitly).
 * Core defines the stages' contract and runs them; it knows none of their modules.
 */
package io.udb.core.analyze;
