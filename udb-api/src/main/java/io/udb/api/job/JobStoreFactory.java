package io.udb.api.job;

import io.udb.api.plugin.PluginFactory;

/**
 * Creates a {@link JobStore}; registered in {@code
 * META-INF/services/io.udb.api.job.JobStoreFactory}. Built-ins: {@code memory}, {@code jdbc}.
 */
public interface JobStoreFactory extends PluginFactory<JobStore> {}
