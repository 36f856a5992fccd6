package dev.rehearsal.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SingleStatementTest {

  @Test
  void oneStatementWithSemicolonsInsideLiteralsNamesCommentsAndDollarQuotes() {
    assertThat(SingleStatement.check("select 1")).isTrue();
    assertThat(SingleStatement.check("select 1;  \n")).isTrue();
    assertThat(SingleStatement.check("select 'a;b', \"x;y\" from t -- ; delete\n where c = $$;$$;")).isTrue();
    assertThat(SingleStatement.check("select $tag$ ; commit; $tag$ /* ; */")).isTrue();
    assertThat(SingleStatement.check("select 'it''s; fine'")).isTrue();
  }

  @Test
  void aSecondStatementIsSeen() {
    assertThat(SingleStatement.check("commit; delete from orders")).isFalse();
    assertThat(SingleStatement.check("select 1;select 2")).isFalse();
    assertThat(SingleStatement.check("select ';'; set transaction read write")).isFalse();
  }
}
