package dev.rehearsal.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgAddressTest {

  @Test
  void aUriIsSplitSoThePasswordNeverReachesTheToolsCommandLine() {
    PgAddress a = PgAddress.parse("postgresql://app:p%40ss?w/rd@db.staging:5433/shop?sslmode=require&application_name=x");

    assertThat(a.forTools()).isEqualTo("postgresql://app@db.staging:5433/shop?sslmode=require&application_name=x");
    assertThat(a.toolEnvironment()).containsEntry("PGPASSWORD", "p@ss?w/rd");
    assertThat(a.jdbcUrl()).isEqualTo("jdbc:postgresql://db.staging:5433/shop");
    assertThat(a.jdbcProperties()).containsEntry("password", "p@ss?w/rd").containsEntry("user", "app")
        .containsEntry("sslmode", "require").containsEntry("ApplicationName", "x");
    assertThat(a.describe()).isEqualTo("db.staging:5433/shop").doesNotContain("ss");
  }

  @Test
  void keyValueStringsAndJdbcUrlsWorkToo() {
    PgAddress kv = PgAddress.parse("host=10.0.0.5 port=5432 dbname=shop user=app password='it\\'s \\\\ quoted'");
    assertThat(kv.describe()).isEqualTo("10.0.0.5:5432/shop");
    assertThat(kv.toolEnvironment().get("PGPASSWORD")).isEqualTo("it's \\ quoted");

    PgAddress jdbc = PgAddress.parse("jdbc:postgresql://db:5432/shop?user=app&password=secret");
    assertThat(jdbc.forTools()).isEqualTo("postgresql://app@db:5432/shop");
    assertThat(jdbc.toolEnvironment()).containsEntry("PGPASSWORD", "secret");
  }

  @Test
  void anotherDatabaseOnTheSameServerKeepsTheCredentials() {
    PgAddress a = PgAddress.parse("postgres://app:pw@db:5432/shop").withDatabase("postgres");
    assertThat(a.forTools()).isEqualTo("postgresql://app@db:5432/postgres");
    assertThat(a.toolEnvironment()).containsEntry("PGPASSWORD", "pw");
  }

  @Test
  void anAddressWithoutADatabaseIsAClearError() {
    assertThatThrownBy(() -> PgAddress.parse("postgresql://app@db:5432").database())
        .hasMessageContaining("names no database");
    assertThatThrownBy(() -> PgAddress.parse("   ")).hasMessageContaining("no address");
  }
}
