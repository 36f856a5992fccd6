package dev.rehearsal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProductionGuardTest {
  private static final List<String> DEFAULT = List.of("prod", "production");

  @Test
  void postgresUrlPasswordIsNotAHost() {
    assertThat(ProductionGuard.matchingPattern("postgresql://user:prodpass@db.staging:5432/shop", DEFAULT))
        .isEmpty();
  }

  @Test
  void postgresUrlHostMatches() {
    assertThat(ProductionGuard.matchingPattern("postgresql://user:secret@prod-db.internal:5432/shop", DEFAULT))
        .contains("prod");
  }

  @Test
  void aDatabaseOrHostInTheQueryOverridesThePathAndIsCheckedToo() {
    assertThat(ProductionGuard.matchingPattern("postgresql://db.staging/app?dbname=shop_production", DEFAULT)).contains("prod");
    assertThat(ProductionGuard.matchingPattern("postgresql:///app?host=prod-db.internal&sslmode=require", DEFAULT)).contains("prod");
    assertThat(ProductionGuard.matchingPattern("postgresql://db.staging/app?application_name=x", DEFAULT)).isEmpty();
  }

  @Test
  void postgresUrlDatabaseNameMatches() {
    assertThat(ProductionGuard.matchingPattern("postgres://app@staging-db/prod_copy", DEFAULT)).contains("prod");
  }

  @Test
  void postgresUrlUserNameIsNotAHost() {
    assertThat(ProductionGuard.matchingPattern("postgresql://prod_reader@db.staging:5432/shop", DEFAULT)).isEmpty();
  }

  @Test
  void postgresUrlWithSeveralHostsMatchesAnyOfThem() {
    assertThat(ProductionGuard.matchingPattern("postgresql://app@db1.staging:5432,prod-db:5433/shop", DEFAULT))
        .contains("prod");
  }

  @Test
  void passwordWithUnencodedQuestionMarkDoesNotHideTheHost() {
    assertThat(ProductionGuard.matchingPattern("postgresql://app:s3cr?t@prod-db.internal:5432/shop", DEFAULT))
        .contains("prod");
  }

  @Test
  void jdbcUrlHostMatches() {
    assertThat(ProductionGuard.matchingPattern("jdbc:postgresql://prod-db.internal:5432/shop?sslmode=require", DEFAULT))
        .contains("prod");
  }

  @Test
  void jdbcUrlQueryParametersAreNotHostOrDatabase() {
    assertThat(ProductionGuard.matchingPattern("jdbc:postgresql://db.staging:5432/shop?user=prod&password=prod", DEFAULT))
        .isEmpty();
  }

  @Test
  void libpqKeyValueHostMatches() {
    assertThat(ProductionGuard.matchingPattern("host=prod-db dbname=shop user=x", DEFAULT)).contains("prod");
  }

  @Test
  void libpqKeyValueDatabaseNameMatches() {
    assertThat(ProductionGuard.matchingPattern("host=db.staging dbname='production_copy' user=x", DEFAULT))
        .contains("prod");
  }

  @Test
  void libpqKeyValueOtherKeysAreIgnored() {
    assertThat(ProductionGuard.matchingPattern("host=db.staging dbname=shop user=prod_admin password=prod", DEFAULT))
        .isEmpty();
  }

  @Test
  void httpBaseUrlWithPortMatchesOnHost() {
    assertThat(ProductionGuard.matchingPattern("https://api.production.example.com:8443", List.of("production")))
        .contains("production");
  }

  @Test
  void httpBaseUrlWithPortOfAStagingHostDoesNotMatch() {
    assertThat(ProductionGuard.matchingPattern("http://api.staging.example.com:8080", DEFAULT)).isEmpty();
  }

  @Test
  void matchingIgnoresCaseOfAddressAndPattern() {
    assertThat(ProductionGuard.matchingPattern("postgresql://app@PROD-DB.internal/shop", List.of("prod")))
        .contains("prod");
    assertThat(ProductionGuard.matchingPattern("postgresql://app@prod-db.internal/shop", List.of("PROD")))
        .contains("PROD");
  }

  @Test
  void returnsTheFirstMatchingPatternOfTheList() {
    assertThat(ProductionGuard.matchingPattern("https://production.example.com", List.of("live", "production", "prod")))
        .contains("production");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   "})
  void nullOrBlankAddressMatchesNothing(String address) {
    assertThat(ProductionGuard.matchingPattern(address, DEFAULT)).isEmpty();
  }
}
