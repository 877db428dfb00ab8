package io.udb.core.job.store;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import io.udb.api.job.JobStore;
import io.udb.api.job.JobStoreFactory;
import io.udb.api.plugin.PluginContext;

/**
 * The built-in {@code jdbc} job store: a {@link JdbcJobStore} over a {@link
 * DriverManagerDataSource}. Settings: {@code url} (required, a JDBC URL whose driver is on the
 * class path), {@code user}, {@code password}, {@code table} (default {@value
 * JdbcJobStore#DEFAULT_TABLE}).
 */
public final class JdbcJobStoreFactory implements JobStoreFactory {
  /** The name configuration selects it by. */
  public static final String NAME = "jdbc";

  /** Creates the factory; cheap and free of side effects. */
  public JdbcJobStoreFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  /**
   * Creates the store and its table when absent.
   *
   * @throws ConfigurationException with {@link ErrorCode#CONFIG_INVALID} naming a bad setting
   * @throws io.udb.api.UdbException with {@link ErrorCode#STORAGE_ERROR} when the database cannot
   *     be reached or the table cannot be created
   */
  @Override
  public JobStore create(PluginContext context) {
    Settings settings = context.settings();
    String url = settings.requireString("url").trim();
    if (!url.startsWith("jdbc:")) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting 'url' must be a JDBC URL starting with 'jdbc:', e.g."
              + " jdbc:postgresql://host:5432/db; got '"
              + JdbcRedaction.redact(url, null)
              + "'");
    }
    String table = settings.getString("table", JdbcJobStore.DEFAULT_TABLE).trim();
    if (!JobTable.isValidName(table)) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting 'table' must be a plain SQL identifier: 1-63 characters of a-z, 0-9 and '_',"
              + " not starting with a digit");
    }
    String user = blankToNull(settings.getString("user", null));
    String password = settings.getString("password", null);
    return new JdbcJobStore(new DriverManagerDataSource(url, user, password), table);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
