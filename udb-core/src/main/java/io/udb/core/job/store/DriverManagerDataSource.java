package io.udb.core.job.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal, non-pooling {@link DataSource} that opens a new connection through {@link
 * DriverManager} on every call. Enough for the JDBC job store's short, infrequent statements; hosts
 * with a connection pool pass their own data source instead.
 *
 * <p>Credentials never leave it in text: {@link #toString()} masks the password, including one
 * embedded in the URL, and a connection failure whose message would show the password or the URL is
 * rethrown with those parts masked.
 */
public final class DriverManagerDataSource implements DataSource {
  private final String url;
  private final String user;
  private final String password;
  private volatile PrintWriter logWriter;

  /**
   * Creates the data source.
   *
   * @param url the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/app}
   * @param user the user, or {@code null} to let the URL or driver decide
   * @param password the password, or {@code null} for none
   */
  public DriverManagerDataSource(String url, String user, String password) {
    this.url = Objects.requireNonNull(url, "url");
    this.user = user;
    this.password = password;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connect(user, password);
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    return connect(username, pass);
  }

  private Connection connect(String username, String pass) throws SQLException {
    Properties properties = new Properties();
    if (username != null) {
      properties.setProperty("user", username);
    }
    if (pass != null) {
      properties.setProperty("password", pass);
    }
    try {
      return DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      SQLException safe = withoutCredentials(e, pass);
      PrintWriter writer = logWriter;
      if (writer != null) {
        writer.println("Connection to " + redactedUrl() + " failed: " + safe.getMessage());
      }
      throw safe;
    }
  }

  /**
   * The exception itself when no message in its chain shows credentials; otherwise a copy with a
   * masked message and the same stack trace, dropping the chain that held them.
   */
  private SQLException withoutCredentials(SQLException e, String pass) {
    boolean leaks = false;
    for (Throwable t = e; t != null && !leaks; t = t.getCause()) {
      String message = t.getMessage();
      leaks = message != null && !mask(message, pass).equals(message);
    }
    if (!leaks) {
      return e;
    }
    String message = mask(Objects.requireNonNullElse(e.getMessage(), "Connection failed"), pass);
    SQLException safe = new SQLException(message, e.getSQLState(), e.getErrorCode());
    safe.setStackTrace(e.getStackTrace());
    return safe;
  }

  private String mask(String text, String pass) {
    return JdbcRedaction.redact(JdbcRedaction.redact(text, pass), password);
  }

  private String redactedUrl() {
    return JdbcRedaction.redact(url, password);
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  /**
   * Not supported: {@link DriverManager} offers only a process-wide timeout. Set it in the URL
   * instead (e.g. {@code loginTimeout=10} for PostgreSQL).
   *
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "DriverManagerDataSource has no login timeout of its own; set the driver's timeout in the"
            + " JDBC URL");
  }

  /** {@code 0}: this data source sets no timeout, so the driver's default applies. */
  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger(DriverManagerDataSource.class.getPackageName());
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("DriverManagerDataSource is not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "DriverManagerDataSource[url=" + redactedUrl() + ", user=" + user + "]";
  }
}
