package io.udb.api.job;

import java.util.Map;

/** The work of a job. It returns a JSON-compatible result tree, or throws to fail the job. */
@FunctionalInterface
public interface JobBody {

  /**
   * Runs the job.
   *
   * @param context the job's context
   * @return the result: maps, lists, strings, numbers, booleans and nulls
   * @throws Exception any failure; a {@link io.udb.api.UdbException} keeps its code
   */
  Map<String, Object> run(JobContext context) throws Exception;
}
