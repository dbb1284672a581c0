package io.bazaar.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamedSqlTest {

    @Test
    void namesBecomePlaceholders_inOrder_aRepeatedNameTwice() {
        NamedSql s = NamedSql.parse("SELECT ts_rank(v, q(:tsq)) FROM t WHERE v @@ q(:tsq) AND a >= :min_price LIMIT :limit");
        assertThat(s.sql()).isEqualTo("SELECT ts_rank(v, q(?)) FROM t WHERE v @@ q(?) AND a >= ? LIMIT ?");
        assertThat(s.names()).containsExactly("tsq", "tsq", "min_price", "limit");
    }

    @Test
    void castsLiteralsIdentifiersAndComments_areLeftAlone() {
        String sql = """
                -- a comment: with :colons
                SELECT x::text, to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS'), 'it''s :not', "odd:name"
                FROM t WHERE id = :id AND arr = CAST(:ids AS uuid[])""";
        NamedSql s = NamedSql.parse(sql);
        assertThat(s.names()).containsExactly("id", "ids");
        assertThat(s.sql()).contains("x::text", "'YYYY-MM-DD\"T\"HH24:MI:SS'", "'it''s :not'", "\"odd:name\"",
                "-- a comment: with :colons", "id = ?", "CAST(? AS uuid[])");
    }

    @Test
    void dottedNames_areOneName_aTrailingDotIsNot() {
        NamedSql s = NamedSql.parse("INSERT INTO e SELECT :event.id, :event.occurredAt FROM t WHERE x = :x.");
        assertThat(s.names()).containsExactly("event.id", "event.occurredAt", "x");
        assertThat(s.sql()).isEqualTo("INSERT INTO e SELECT ?, ? FROM t WHERE x = ?.");
    }
}
