/** Job execution: lifecycle, per-tenant concurrency, cancellation, stages, progress. */
package io.udb.core.job;
