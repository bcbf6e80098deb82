package org.juju.state.charm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CharmUrlTest {

    @ParameterizedTest(name = "{0} with default series precise is {1}")
    @CsvSource({
            "mysql,                      cs:precise/mysql",
            "mysql-3,                    cs:precise/mysql-3",
            "oneiric/mysql,              cs:oneiric/mysql",
            "local:mysql,                local:precise/mysql",
            "local:mysql-12,             local:precise/mysql-12",
            "local:oneiric/mysql,        local:oneiric/mysql",
            "cs:~joe/mysql,              cs:~joe/precise/mysql",
            "cs:~joe/oneiric/my-sql-2a,  cs:~joe/oneiric/my-sql-2a",
            "cs:~joe/oneiric/my-sql-0,   cs:~joe/oneiric/my-sql-0",
            "wordpress-blog-7,           cs:precise/wordpress-blog-7"})
    void parseInfersSchemaAndSeries(String text, String expected) {
        assertThat(CharmUrl.parse(text, "precise")).hasToString(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local:precise/mysql", "local:precise/mysql-0", "cs:precise/mysql-42",
            "cs:~user.name+x/quantal2/a-b-c-9", "cs:precise/mysql-5a-3"})
    void canonicalTextRoundTrips(String text) {
        CharmUrl url = CharmUrl.parse(text);
        assertThat(url).hasToString(text);
        assertThat(CharmUrl.parse(url.toString())).isEqualTo(url);
        assertThat(CharmUrl.fromQuoted(url.quoted())).isEqualTo(url);
    }

    @Test
    void partsAreExposed() {
        CharmUrl url = CharmUrl.parse("cs:~joe/precise/mysql-3");
        assertThat(url.schema()).isEqualTo("cs");
        assertThat(url.user()).isEqualTo("joe");
        assertThat(url.series()).isEqualTo("precise");
        assertThat(url.name()).isEqualTo("mysql");
        assertThat(url.revision()).isEqualTo(3);
        assertThat(url.hasRevision()).isTrue();
        assertThat(url.isLocal()).isFalse();
        assertThat(CharmUrl.parse("local:precise/mysql").isLocal()).isTrue();
        assertThat(CharmUrl.parse("local:precise/mysql").revision()).isNull();
    }

    @Test
    void withRevisionReplacesTheRevision() {
        CharmUrl url = CharmUrl.parse("local:precise/mysql");
        assertThat(url.withRevision(4)).hasToString("local:precise/mysql-4");
        assertThat(url.withRevision(4).withRevision(7)).hasToString("local:precise/mysql-7");
        assertThat(url.withRevision(4).withoutRevision()).isEqualTo(url);
        assertThat(CharmUrl.local("precise", "mysql", 2)).isEqualTo(url.withRevision(2));
    }

    @Test
    void quotedFormEscapesColonSlashAndTilde() {
        assertThat(CharmUrl.parse("cs:precise/mysql-3").quoted()).isEqualTo("cs_3a_precise_2f_mysql-3");
        assertThat(CharmUrl.parse("cs:~joe/precise/mysql").quoted()).isEqualTo("cs_3a__7e_joe_2f_precise_2f_mysql");
    }

    @Test
    void quotingEscapesUnderscoreFirstSoItIsReversible() {
        assertThat(CharmUrlParser.quote("a_3a_b:c")).isEqualTo("a_5f_3a_5f_b_3a_c");
        assertThat(CharmUrlParser.unquote("a_5f_3a_5f_b_3a_c")).isEqualTo("a_3a_b:c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cs_3a_precise_2f_mysql_", "cs_3a_precise_2f_my_41_sql", "cs_3aprecise", "cs:precise/mysql"})
    void fromQuotedRejectsMalformedText(String quoted) {
        assertThatThrownBy(() -> CharmUrl.fromQuoted(quoted)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest(name = "''{0}'' is refused because {1}")
    @CsvSource(delimiter = '|', value = {
            "''                         | it is empty",
            "http:precise/mysql         | unknown schema 'http'",
            "local:~joe/precise/mysql   | a local charm URL cannot name a user",
            "cs:precise/MySQL           | invalid charm name 'MySQL'",
            "cs:precise/mysql-3-4       | invalid charm name 'mysql-3'",
            "cs:precise/-3              | invalid charm name '-3'",
            "cs:Precise/mysql           | invalid series 'Precise'",
            "cs:a/b/c/d                 | expected cs:SERIES/NAME",
            "cs:precise/mysql-99999999999 | too large",
            "cs:~/precise/mysql         | invalid charm store user ''"})
    void parseRejectsBadTextNamingIt(String text, String problem) {
        assertThatThrownBy(() -> CharmUrl.parse(text, "precise"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid charm URL '" + text + "'")
                .hasMessageContaining(problem);
    }

    @Test
    void strictParseNeedsSchemaAndSeries() {
        assertThatThrownBy(() -> CharmUrl.parse("precise/mysql"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no schema");
        assertThatThrownBy(() -> CharmUrl.parse("cs:mysql"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no series");
        assertThatThrownBy(() -> CharmUrl.parse("mysql", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no series");
    }

    @Test
    void constructorRejectsNegativeRevision() {
        assertThatThrownBy(() -> CharmUrl.local("precise", "mysql", -1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("negative");
    }
}
