package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Output formats and argument parsing, without processes. */
class OutputFormatTest {
    @Test
    void shellQuotingSurvivesAnyCharacter() {
        assertThat(OutputFormat.quote("it's $HOME `x` \"y\" \\n")).isEqualTo("'it'\\''s $HOME `x` \"y\" \\n'");
        assertThat(OutputFormat.quote("")).isEqualTo("''");
    }

    @Test
    void shellVariablesAreUpperCaseWithUnderscores() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("data-dir", "/d");
        map.put("a.b", null);
        map.put("port", 80L);

        assertThat(OutputFormat.SHELL.render(map)).isEqualTo("VAR_DATA_DIR='/d'\nVAR_A_B=''\nVAR_PORT='80'\n");
    }

    @Test
    void smartPrintsScalarsAndListsPlainlyAndMapsAsYaml() {
        assertThat(OutputFormat.SMART.render("a: b")).isEqualTo("a: b\n");
        assertThat(OutputFormat.SMART.render(null)).isEqualTo("\n");
        assertThat(OutputFormat.SMART.render(1.25)).isEqualTo("1.25\n");
        assertThat(OutputFormat.SMART.render(false)).isEqualTo("false\n");
        assertThat(OutputFormat.SMART.render(List.of("x", "y"))).isEqualTo("x\ny\n");
        assertThat(OutputFormat.SMART.render(List.of())).isEmpty();
        assertThat(OutputFormat.SMART.render(Map.of("k", "multi\nline"))).isEqualTo("k: |-\n  multi\n  line\n");
        assertThat(OutputFormat.SMART.render(Map.of())).isEqualTo("{}\n");
    }

    @Test
    void parsesFormatNames() {
        assertThat(OutputFormat.parse("JSON")).isEqualTo(OutputFormat.JSON);
        assertThat(OutputFormat.parse("eval")).isEqualTo(OutputFormat.SHELL);
        assertThatThrownBy(() -> OutputFormat.parse("xml")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void parsesOptionsAnywhereUntilDoubleDash() {
        ToolArgs args = ToolArgs.parse(Arrays.asList("a=1", "-r", "db:0", "-", "--format=json", "--", "-x"),
                EnumSet.of(ToolOption.RELATION, ToolOption.FORMAT));

        assertThat(args.positionals()).containsExactly("a=1", "-", "-x");
        assertThat(args.option(ToolOption.RELATION)).hasValue("db:0");
        assertThat(args.option(ToolOption.FORMAT)).hasValue("json");
        assertThat(args.help()).isFalse();
    }

    @Test
    void refusesOptionsTheToolDoesNotTake() {
        assertThatThrownBy(() -> ToolArgs.parse(List.of("-r", "1"), EnumSet.of(ToolOption.FORMAT)))
                .isInstanceOf(InvalidInputException.class).hasMessage("unknown option '-r'");
        assertThatThrownBy(() -> ToolArgs.parse(List.of("--format"), EnumSet.of(ToolOption.FORMAT)))
                .hasMessage("option --format needs a value");
    }
}
