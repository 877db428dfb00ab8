package io.udb.core;

/**
 * What a retention run removed.
 *
 * @param artifactJobsPruned jobs whose artifacts were deleted
 * @param jobsDeleted finished job records deleted
 */
public record PruneResult(int artifactJobsPruned, int jobsDeleted) {}
