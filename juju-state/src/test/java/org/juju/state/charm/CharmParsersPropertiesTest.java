package org.juju.state.charm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.juju.state.error.CharmException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.testing.CleanOutcome;
import org.juju.state.testing.YamlArbitraries;

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

    @Property(tries = 1000)
    void charmUrlsParseOrAreRefused(@ForAll("urlish") String text) {
        CleanOutcome.of(() -> CharmUrl.parse(text), InvalidInputException.class, null)
                .ifPresent(url -> assertThat(CharmUrl.parse(url.toString())).isEqualTo(url));
        CleanOutcome.of(() -> CharmUrl.parse(text, "precise"), InvalidInputException.class, null);
        CleanOutcome.of(() -> CharmUrl.fromQuoted(text), InvalidInputException.class, null)
                .ifPresent(url -> assertThat(url.quoted()).isEqualTo(text));
    }

    @Property(tries = 500)
    void metadataTextParsesOrIsRefusedByFileName(@ForAll("yamlish") String text) {
        CleanOutcome.of(() -> CharmMetadata.parse(text, "wordpress/metadata.yaml"), CharmException.class,
                "wordpress/metadata.yaml");
    }

    @Property(tries = 1000)
    void metadataOfAnyShapeParsesOrIsRefusedByFileName(@ForAll("metadataShaped") Map<String, Object> data) {
        CleanOutcome.of(() -> CharmMetadata.parse(data, "m.yaml"), CharmException.class, "m.yaml")
                .ifPresent(parsed -> assertThat(CharmMetadata.fromMap(parsed.value().toMap()))
                        .isEqualTo(parsed.value()));
    }

    @Property(tries = 500)
    void configTextParsesOrIsRefusedByFileName(@ForAll("yamlish") String text) {
        CleanOutcome.of(() -> ConfigSchema.parse(text, "wordpress/config.yaml"), CharmException.class,
                "wordpress/config.yaml");
    }

    @Property(tries = 1000)
    void configOfAnyShapeParsesOrIsRefusedByFileName(@ForAll("configShaped") Map<String, Object> data) {
        CleanOutcome.of(() -> ConfigSchema.fromMap(data), CharmException.class, "stored config schema")
                .ifPresent(schema -> assertThat(ConfigSchema.fromMap(schema.toMap())).isEqualTo(schema));
    }

    @Property(tries = 1000)
    void configValuesCoerceOrAreRefused(@ForAll("optionNames") String option, @ForAll("valueText") String text,
                                        @ForAll("anyValue") Object yamlValue) {
        CleanOutcome.of(() -> SCHEMA.parseValue(option, text), InvalidInputException.class, null);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(option, yamlValue);
        CleanOutcome.of(() -> SCHEMA.validate(values, "site.yaml"), InvalidInputException.class, "site.yaml");
    }

    @Provide
    Arbitrary<String> urlish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("cs:local~/-abz019_.%\n ").ofMaxLength(30),
                Arbitraries.of("cs:precise/mysql-1", "local:oneiric/wordpress", "cs:~user/precise/a-b-3",
                        "mysql", "local:mysql-0").map(s -> s),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> yamlish() {
        return YamlArbitraries.yamlishText();
    }

    @Provide
    Arbitrary<Map<String, Object>> metadataShaped() {
        return YamlArbitraries.shapedMaps(METADATA_KEYS);
    }

    @Provide
    Arbitrary<Map<String, Object>> configShaped() {
        return YamlArbitraries.shapedMaps(CONFIG_KEYS);
    }

    @Provide
    Arbitrary<String> optionNames() {
        return Arbitraries.of("title", "port", "ratio", "debug", "nope", "");
    }

    @Provide
    Arbitrary<String> valueText() {
        return Arbitraries.oneOf(Arbitraries.of("", " ", "1", "-7", "0x10", "1e400", "yes", "off", "true", "NaN",
                "99999999999999999999", "1.5", ".inf"), Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<Object> anyValue() {
        return YamlArbitraries.anyValue();
    }
}
