package org.juju.state.charm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.error.CharmException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.testing.CleanOutcome;
import org.juju.state.testing.Gen;
import org.juju.state.testing.Gens;
import org.juju.state.testing.Properties;
import org.juju.state.testing.YamlGenerators;
import org.junit.jupiter.api.Test;

/**
 * Charm URLs, metadata.yaml, config.yaml and config values: for any input, a value or a one-line
 * refusal of the project's own kind naming the file, never a leaked library or runtime exception.
 */
class CharmParsersPropertiesTest {
    private static final List<String> METADATA_KEYS = List.of("name", "summary", "description", "provides",
            "requires", "peers", "subordinate", "revision", "interface", "limit", "scope", "optional", "format");
    private static final List<String> CONFIG_KEYS = List.of("options", "type", "default", "description");
    private static final ConfigSchema SCHEMA = ConfigSchema.parse("""
            options:
              title: {type: string, default: hello}
              port: {type: int, default: 80}
              ratio: {type: float}
              debug: {type: boolean, default: false}
            """, "config.yaml").value();

    @Test
    void charmUrlsParseOrAreRefused() {
        Properties.forAll("charm URLs parse or are refused", 1000, urlish(), text -> {
            CleanOutcome.of(() -> CharmUrl.parse(text), InvalidInputException.class, null)
                    .ifPresent(url -> assertThat(CharmUrl.parse(url.toString())).isEqualTo(url));
            CleanOutcome.of(() -> CharmUrl.parse(text, "precise"), InvalidInputException.class, null);
            CleanOutcome.of(() -> CharmUrl.fromQuoted(text), InvalidInputException.class, null)
                    .ifPresent(url -> assertThat(url.quoted()).isEqualTo(text));
        });
    }

    @Test
    void metadataTextParsesOrIsRefusedByFileName() {
        Properties.forAll("metadata text parses or is refused by file name", 500, YamlGenerators.yamlishText(),
                text -> CleanOutcome.of(() -> CharmMetadata.parse(text, "wordpress/metadata.yaml"),
                        CharmException.class, "wordpress/metadata.yaml"));
    }

    @Test
    void metadataOfAnyShapeParsesOrIsRefusedByFileName() {
        Properties.forAll("metadata of any shape parses or is refused by file name", 1000,
                YamlGenerators.shapedMaps(METADATA_KEYS), data ->
                        CleanOutcome.of(() -> CharmMetadata.parse(data, "m.yaml"), CharmException.class, "m.yaml")
                                .ifPresent(parsed -> assertThat(CharmMetadata.fromMap(parsed.value().toMap()))
                                        .isEqualTo(parsed.value())));
    }

    @Test
    void configTextParsesOrIsRefusedByFileName() {
        Properties.forAll("config text parses or is refused by file name", 500, YamlGenerators.yamlishText(),
                text -> CleanOutcome.of(() -> ConfigSchema.parse(text, "wordpress/config.yaml"),
                        CharmException.class, "wordpress/config.yaml"));
    }

    @Test
    void configOfAnyShapeParsesOrIsRefusedByFileName() {
        Properties.forAll("config of any shape parses or is refused by file name", 1000,
                YamlGenerators.shapedMaps(CONFIG_KEYS), data ->
                        CleanOutcome.of(() -> ConfigSchema.fromMap(data), CharmException.class, "stored config schema")
                                .ifPresent(schema -> assertThat(ConfigSchema.fromMap(schema.toMap())).isEqualTo(schema)));
    }

    private record OptionValue(String option, String text, Object yamlValue) {
    }

    @Test
    void configValuesCoerceOrAreRefused() {
        Gen<String> options = Gens.of("title", "port", "ratio", "debug", "nope", "");
        Gen<String> texts = Gens.oneOf(Gens.of("", " ", "1", "-7", "0x10", "1e400", "yes", "off", "true", "NaN",
                "99999999999999999999", "1.5", ".inf"), Gens.strings(20));
        Gen<Object> values = YamlGenerators.anyValue();
        Gen<OptionValue> inputs = random -> new OptionValue(options.next(random), texts.next(random),
                values.next(random));

        Properties.forAll("config values coerce or are refused", 1000, inputs, input -> {
            CleanOutcome.of(() -> SCHEMA.parseValue(input.option(), input.text()), InvalidInputException.class, null);
            Map<String, Object> given = new LinkedHashMap<>();
            given.put(input.option(), input.yamlValue());
            CleanOutcome.of(() -> SCHEMA.validate(given, "site.yaml"), InvalidInputException.class, "site.yaml");
        });
    }

    private static Gen<String> urlish() {
        return Gens.oneOf(
                Gens.strings("cs:local~/-abz019_.%\n ", 0, 30),
                Gens.of("cs:precise/mysql-1", "local:oneiric/wordpress", "cs:~user/precise/a-b-3", "mysql",
                        "local:mysql-0"),
                Gens.strings(40));
    }
}
