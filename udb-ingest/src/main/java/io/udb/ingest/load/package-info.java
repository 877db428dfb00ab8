/**
 * UDB's loader into a tenant's database: {@link io.udb.ingest.load.TenantLoader}, the {@link
 * io.udb.api.connector.RecordLoader} connectors write through.
 *
 * <p>What every load promises:
 *
 * <ul>
 *   <li><b>Atomic.</b> One DuckDB transaction on one connection creates a staging table ({@code
 *       __udb_stage_<id>}, a reserved name), fills it, replaces, evolves or merges the target,
 *       writes the rejects and only then commits. Nothing of it is visible to any other connection
 *       before the commit, so a failed load is rolled back and a killed process leaves the previous
 *       table as it was (an uncommitted transaction is never replayed) and no staging table behind.
 *   <li><b>Nothing is lost.</b> {@code rowsRead = rowsLoaded + rowsRejected}. Records that cannot
 *       be parsed or cast go to the per-table rejects table {@code <table>__rejects} in the
 *       tenant's main schema, where the tenant can query them like any table: {@code source,
 *       record_number} (1-based in the source; for CSV counting the header and skipped lines),
 *       {@code raw_text, column_name, reason, job_id, rejected_at} (UTC). It is created on the
 *       first rejected record and keeps the rejects of every load, told apart by {@code job_id}.
 *       CSV records are counted independently of DuckDB ({@code RecordCounter}), so a record its
 *       reader drops without an error fails the load with {@code INGEST_BAD_FORMAT} instead of
 *       vanishing; a file with no readable record fails the same way.
 *   <li><b>Modes.</b> Replace, append (new columns added, types widened where no value changes
 *       meaning, anything else refused with {@code INVALID_ARGUMENT}) and upsert by key (the last
 *       row of a key wins).
 *   <li><b>Limits.</b> The load's byte and row limits ({@code INPUT_TOO_LARGE}) and the tenant's
 *       storage and rows-per-table quotas ({@code QUOTA_EXCEEDED}), checked before the commit.
 * </ul>
 *
 * <p>Files are read by DuckDB's own readers from the tenant's private spool folder (a file is
 * hard-linked there when possible, copied otherwise); rows from connectors go through DuckDB's
 * appender.
 */
package io.udb.ingest.load;
