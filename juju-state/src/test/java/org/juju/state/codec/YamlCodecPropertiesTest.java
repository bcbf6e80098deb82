package org.juju.state.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.juju.state.error.InvalidInputException;
import org.juju.state.testing.CleanOutcome;
import org.juju.state.testing.Gens;
import org.juju.state.testing.Properties;
import org.juju.state.testing.YamlGenerators;
import org.junit.jupiter.api.Test;

/**
 * Every document, however malformed or hostile, parses to plain data or gives a one-line
 * {@link InvalidInputException} naming its source; plain data survives a dump and parse.
 */
class YamlCodecPropertiesTest {
    private static final String SOURCE = "some/file.yaml";

    @Test
    void anyTextParsesOrIsRefusedByName() {
        Properties.forAll("any text parses or is refused by name", 1000, YamlGenerators.yamlishText(), text -> {
            CleanOutcome.of(() -> YamlCodec.parse(text, SOURCE), InvalidInputException.class, SOURCE);
            CleanOutcome.of(() -> YamlCodec.parseMap(text, SOURCE), InvalidInputException.class, SOURCE);
        });
    }

    @Test
    void anyBytesParseOrAreRefusedByName() {
        Properties.forAll("any bytes parse or are refused by name", 500, Gens.bytes(300), data ->
                CleanOutcome.of(() -> YamlCodec.parseMap(data, "znode /x"), InvalidInputException.class, "znode /x"));
    }

    @Test
    void plainDataSurvivesDumpAndParse() {
        Properties.forAll("plain data survives dump and parse", 300, YamlGenerators.plainMaps(), data ->
                assertThat(YamlCodec.parseMap(YamlCodec.dump(data), SOURCE)).isEqualTo(data));
    }

    @Test
    void refusesAnAliasBombBeforeAnyoneWalksIt() {
        StringBuilder doc = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            doc.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }

        assertThatThrownBy(() -> YamlCodec.parse(doc.toString(), SOURCE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(SOURCE + ": invalid YAML: the document expands to more than");
    }

    @Test
    void refusesMoreAliasesThanTheLimit() {
        StringBuilder doc = new StringBuilder("a: &a [x]\nb: [");
        for (int i = 0; i <= YamlCodec.MAX_COLLECTION_ALIASES; i++) {
            doc.append("*a, ");
        }
        doc.append("x]\n");

        assertThatThrownBy(() -> YamlCodec.parse(doc.toString(), SOURCE))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(SOURCE + ": invalid YAML")
                .hasMessageContaining("aliases");
    }

    @Test
    void refusesAStructureThatContainsItself() {
        assertThatThrownBy(() -> YamlCodec.parse("a: &a [x, *a]\n", SOURCE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(SOURCE + ": invalid YAML: an alias refers to a mapping or list that contains it"
                        + " (a recursive structure)");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[".repeat(YamlCodec.MAX_NESTING + 5) + "]".repeat(YamlCodec.MAX_NESTING + 5);
        String deepMap = "{a: ".repeat(10_000) + "b" + "}".repeat(10_000);

        assertThatThrownBy(() -> YamlCodec.parse(deep, SOURCE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Nesting Depth");
        assertThatThrownBy(() -> YamlCodec.parse(deepMap, SOURCE))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(SOURCE + ": invalid YAML");
        assertThat(YamlCodec.parse("[".repeat(20) + "]".repeat(20), SOURCE)).isInstanceOf(List.class);
    }

    @Test
    void refusesDocumentsLargerThanTheLimit() {
        String huge = "k: " + "x".repeat(YamlCodec.MAX_CODE_POINTS + 1) + "\n";

        assertThatThrownBy(() -> YamlCodec.parse(huge, SOURCE))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(SOURCE + ": invalid YAML")
                .hasMessageContaining("code points");
    }

    @Test
    void refusesValuesThatAreNotPlainData() {
        assertThatThrownBy(() -> YamlCodec.parse("a: !!binary aGVsbG8=\n", SOURCE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("!!binary");
        assertThatThrownBy(() -> YamlCodec.parse("a: !!set {x, y}\n", SOURCE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("!!set");
        assertThatThrownBy(() -> YamlCodec.parse("a: !!java.io.File /etc\n", SOURCE))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(SOURCE + ": invalid YAML");
    }

    @Test
    void aRefusalQuotingInputStaysOneLine() {
        assertThatThrownBy(() -> YamlCodec.parse("a: 1\n\"a\\nb\": [\n", "x\ny.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").startsWith("x\\ny.yaml: invalid YAML"));
        assertThat(YamlCodec.parseMap("a: 1".getBytes(StandardCharsets.UTF_8), SOURCE)).isEqualTo(Map.of("a", 1));
    }
}
