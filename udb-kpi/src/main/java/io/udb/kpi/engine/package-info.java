/**
 * How KPIs are computed: validation of definitions against the tenant's tables and of their SQL
 * fragments, planning of shared scans, the fused aggregate queries (run through the guarded user
 * query path, since definitions carry user SQL), the result cache and table versions. The public
 * entry point is {@link io.udb.kpi.service.KpiService}; the types here are its building blocks.
 */
package io.udb.kpi.engine;
