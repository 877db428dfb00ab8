/**
 * Charts of query results with XChart: an explicit {@link io.udb.kpi.chart.ChartSpec} or one
 * suggested from the shape of the data, rendered headless to PNG and SVG in one theme ({@link
 * io.udb.kpi.chart.UdbChartTheme}) and stored as job artifacts ({@link
 * io.udb.kpi.chart.ChartArtifacts}). The API takes plain data ({@link io.udb.kpi.chart.ChartData}),
 * so any caller can chart any result.
 */
package io.udb.kpi.chart;
