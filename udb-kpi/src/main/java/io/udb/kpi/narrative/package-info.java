/**
 * Deterministic, template-based English narratives of KPI results: numbers rounded to significant
 * digits and written in a locale, units and their plurals, period names by grain, and no sentence
 * about a comparison the data cannot make.
 */
package io.udb.kpi.narrative;
