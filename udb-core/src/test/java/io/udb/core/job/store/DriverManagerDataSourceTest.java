package io.udb.core.job.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Wrapper;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DriverManagerDataSourceTest {

  @Test
  void toStringHasNoPassword() {
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(TestPostgres.URL, "alice", "pa55-word");

    assertThat(dataSource.toString())
        .contains(TestPostgres.URL, "alice")
        .doesNotContain("pa55-word");
  }

  @Test
  void toStringMasksPasswordsInTheUrl() {
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:postgresql://bob:in-userinfo@db:5432/app?ssl=true&password=in-query", null, null);

    assertThat(dataSource.toString())
        .contains("jdbc:postgresql://bob:****@db:5432/app?ssl=true&password=****")
        .doesNotContain("in-userinfo", "in-query");
  }

  @Test
  void connectionFailureDoesNotShowPassword() {
    StringWriter log = new StringWriter();
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:no-such-driver://carol:in-userinfo@db/app?password=in-query", "carol", "arg");
    dataSource.setLogWriter(new PrintWriter(log, true));

    assertThatThrownBy(dataSource::getConnection)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("No suitable driver")
        .hasMessageNotContainingAny("in-userinfo", "in-query")
        .hasNoCause();
    assertThat(log.toString()).contains("failed").doesNotContain("in-userinfo", "in-query");
  }

  @Test
  void connectsToPostgresWithItsCredentials() throws SQLException {
    DataSource dataSource = new DriverManagerDataSource(TestPostgres.URL, TestPostgres.USER, null);

    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_user")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(TestPostgres.USER);
    }
  }

  @Test
  void connectsWithCredentialsGivenPerCall() throws SQLException {
    DataSource dataSource = new DriverManagerDataSource(TestPostgres.URL, "nobody-here", null);

    try (Connection connection = dataSource.getConnection(TestPostgres.USER, null)) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  @Test
  void unwrapsToItselfOnly() throws SQLException {
    DataSource dataSource = new DriverManagerDataSource(TestPostgres.URL, null, null);

    assertThat(dataSource.isWrapperFor(DataSource.class)).isTrue();
    assertThat(dataSource.isWrapperFor(Wrapper.class)).isTrue();
    assertThat(dataSource.unwrap(DriverManagerDataSource.class)).isSameAs(dataSource);
    assertThat(dataSource.isWrapperFor(Connection.class)).isFalse();
    assertThatThrownBy(() -> dataSource.unwrap(Connection.class))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(Connection.class.getName());
  }

  @Test
  void keepsItsLogWriter() throws SQLException {
    DataSource dataSource = new DriverManagerDataSource(TestPostgres.URL, null, null);
    PrintWriter writer = new PrintWriter(new StringWriter());

    assertThat(dataSource.getLogWriter()).isNull();
    dataSource.setLogWriter(writer);

    assertThat(dataSource.getLogWriter()).isSameAs(writer);
    assertThat(dataSource.getParentLogger().getName()).isEqualTo("io.udb.core.job.store");
  }

  @Test
  void refusesLoginTimeoutItCannotApply() throws SQLException {
    DataSource dataSource = new DriverManagerDataSource(TestPostgres.URL, null, null);

    assertThatThrownBy(() -> dataSource.setLoginTimeout(10))
        .isInstanceOf(SQLFeatureNotSupportedException.class);
    assertThat(dataSource.getLoginTimeout()).isZero();
  }
}
