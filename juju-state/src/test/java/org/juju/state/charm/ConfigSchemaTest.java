package org.juju.state.charm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.CharmException;
import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigSchemaTest {
    private static final String CONFIG = """
            options:
              title: {default: My Blog, description: the title}
              port: {type: int, default: 80}
              ratio: {type: float, default: 0.5}
              debug: {type: boolean, default: false}
              password: {type: string}
              workers: {type: int}
            """;

    private static ConfigSchema schema() {
        return ConfigSchema.parse(CONFIG, "config.yaml").value();
    }

    @Test
    void optionsAreReadInOrderWithTypedDefaults() {
        assertThat(schema().options()).containsExactly(
                new ConfigOption("title", OptionType.STRING, "My Blog", "the title"),
                new ConfigOption("port", OptionType.INT, 80L, ""),
                new ConfigOption("ratio", OptionType.FLOAT, 0.5, ""),
                new ConfigOption("debug", OptionType.BOOLEAN, false, ""),
                new ConfigOption("password", OptionType.STRING, null, ""),
                new ConfigOption("workers", OptionType.INT, null, ""));
    }

    @Test
    void missingTypeMeansString() {
        assertThat(schema().option("title").orElseThrow().type()).isEqualTo(OptionType.STRING);
    }

    @Test
    void intDefaultIsAcceptedForAFloatOption() {
        ConfigSchema s = ConfigSchema.parse("options:\n  r: {type: float, default: 2}\n", "config.yaml").value();
        assertThat(s.option("r").orElseThrow().defaultValue()).isEqualTo(2.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment\n"})
    void emptyConfigGivesEmptySchema(String text) {
        assertThat(ConfigSchema.parse(text, "config.yaml").value()).isEqualTo(ConfigSchema.EMPTY);
    }

    @Test
    void emptyOptionsGiveEmptySchema() {
        assertThat(ConfigSchema.parse("options:\n", "config.yaml").value().options()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "options:\\n  port: {type: int, default: abc}     | option 'port': default 'abc' is not an int",
            "options:\\n  port: {type: int, default: 1.5}     | option 'port': default 1.5 is not an int",
            "options:\\n  r: {type: float, default: 'x'}      | option 'r': default 'x' is not a float",
            "options:\\n  b: {type: boolean, default: 1}      | option 'b': default 1 is not a boolean",
            "options:\\n  s: {type: string, default: 5}       | option 's': default 5 is not a string (quote it",
            "options:\\n  s: {type: integer}                  | option 's': unknown type 'integer' (expected string, int, float or boolean)",
            "options:\\n  s: [a]                              | key 'options.s': expected a mapping with type, default and description, found a list",
            "options:\\n  s: {description: [a]}               | key 'options.s.description': expected a string, found a list",
            "options: [a]                                     | key 'options': expected a mapping of option names to definitions, found a list",
            "settings: {}                                     | missing required key 'options'"})
    void invalidSchemasAreRefusedNamingFileAndOption(String yaml, String problem) {
        assertThatThrownBy(() -> ConfigSchema.parse(yaml.replace("\\n", "\n"), "config.yaml"))
                .isInstanceOf(CharmException.class)
                .hasMessageStartingWith("config.yaml: " + problem);
    }

    @Test
    void unknownKeysAndObsoleteStrTypeAreWarnedAbout() {
        Parsed<ConfigSchema> parsed = ConfigSchema.parse(
                "options:\n  a: {type: str, title: A}\nextra: 1\n", "config.yaml");
        assertThat(parsed.value().option("a").orElseThrow().type()).isEqualTo(OptionType.STRING);
        assertThat(parsed.warnings()).containsExactlyInAnyOrder(
                "config.yaml: unknown key 'extra' ignored",
                "config.yaml: key 'options.a.title': unknown key ignored",
                "config.yaml: option 'a': type 'str' is obsolete, use 'string'");
    }

    @ParameterizedTest(name = "{0}={1} gives {2}")
    @CsvSource({
            "port,  8080,   8080",
            "port,  -3,     -3",
            "port,  ' 7 ',  7",
            "ratio, 1.25,   1.25",
            "ratio, 2,      2.0",
            "ratio, -.5e1,  -5.0",
            "debug, true,   true",
            "debug, YES,    true",
            "debug, On,     true",
            "debug, false,  false",
            "debug, no,     false",
            "debug, OFF,    false",
            "title, 42,     42",
            "title, ' x ',  ' x '"})
    void parseValueConvertsUserTextToTheOptionType(String option, String text, String expected) {
        Object value = schema().parseValue(option, text);
        assertThat(value).hasToString(expected);
        assertThat(schema().option(option).orElseThrow().type().isInstance(value)).isTrue();
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
            "port,  abc,    an int",
            "port,  1.5,    an int",
            "port,  1e3,    an int",
            "port,  99999999999999999999, an int",
            "ratio, abc,    a float",
            "ratio, NaN,    a float",
            "ratio, Infinity, a float",
            "debug, 1,      a boolean",
            "debug, maybe,  a boolean"})
    void parseValueRefusesTextOfTheWrongType(String option, String text, String type) {
        assertThatThrownBy(() -> schema().parseValue(option, text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("option '" + option + "' must be " + type + ", got '" + text + "'");
    }

    @Test
    void emptyTextIsTheEmptyStringForStringsAndUnsetForOtherTypes() {
        assertThat(schema().parseValue("title", "")).isEqualTo("");
        assertThat(schema().parseValue("port", "")).isNull();
        assertThat(schema().parseValue("ratio", " ")).isNull();
        assertThat(schema().parseValue("debug", "")).isNull();
    }

    @Test
    void unknownOptionIsRefusedListingKnownOnes() {
        assertThatThrownBy(() -> schema().parseValue("colour", "red"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown option 'colour' (known: title, port, ratio, debug, password, workers)");
        assertThatThrownBy(() -> ConfigSchema.EMPTY.parseValue("colour", "red"))
                .hasMessage("unknown option 'colour': the charm has no options");
    }

    @Test
    void validateConvertsYamlValuesToStoredTypes() {
        Map<String, Object> yaml = YamlCodec.parseMap(
                "port: 8080\nratio: 3\ndebug: yes\ntitle: hello\nworkers: '4'\npassword:\n", "deploy.yaml");
        Map<String, Object> typed = schema().validate(yaml, "deploy.yaml");
        assertThat(typed).containsExactly(entry("port", 8080L), entry("ratio", 3.0), entry("debug", true),
                entry("title", "hello"), entry("workers", 4L), entry("password", null));
    }

    @Test
    void validateAcceptsBigYamlIntegersThatFitALong() {
        Map<String, Object> values = new HashMap<>();
        values.put("port", BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(schema().validate(values, "x.yaml")).containsEntry("port", Long.MAX_VALUE);
        values.put("port", BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
        assertThatThrownBy(() -> schema().validate(values, "x.yaml")).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "port: abc      | deploy.yaml: option 'port' must be an int, got 'abc'",
            "port: 1.5      | deploy.yaml: option 'port' must be an int, got a number 1.5",
            "port: true     | deploy.yaml: option 'port' must be an int, got a boolean true",
            "port: ''       | deploy.yaml: option 'port' must be an int, got ''",
            "debug: 1       | deploy.yaml: option 'debug' must be a boolean, got a number 1",
            "ratio: [1]     | deploy.yaml: option 'ratio' must be a float, got a list [1]",
            "title: 5       | deploy.yaml: option 'title' must be a string, got a number 5 (quote it to make it a string)",
            "colour: red    | deploy.yaml: unknown option 'colour' (known: title, port, ratio, debug, password, workers)"})
    void validateRefusesWrongValuesNamingSourceAndOption(String yaml, String message) {
        Map<String, Object> values = YamlCodec.parseMap(yaml, "deploy.yaml");
        assertThatThrownBy(() -> schema().validate(values, "deploy.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void withDefaultsListsEveryOptionInSchemaOrderUserValuesFirst() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("workers", 8L);
        user.put("port", null);
        user.put("title", "");
        user.put("gone", "left over from an older charm");
        assertThat(schema().withDefaults(user)).containsExactly(entry("title", ""), entry("port", 80L),
                entry("ratio", 0.5), entry("debug", false), entry("password", null), entry("workers", 8L));
    }

    @Test
    void storedFormReadsBackEqualThroughYaml() {
        ConfigSchema s = schema();
        Map<String, Object> stored = YamlCodec.parseMap(YamlCodec.dump(s.toMap()), "/charms/x");
        assertThat(ConfigSchema.fromMap(stored)).isEqualTo(s);
        assertThat(ConfigSchema.fromMap(ConfigSchema.EMPTY.toMap())).isEqualTo(ConfigSchema.EMPTY);
    }

    @Test
    void optionDefaultMustHaveTheStoredJavaType() {
        assertThatThrownBy(() -> new ConfigOption("port", OptionType.INT, 80, ""))
                .isInstanceOf(CharmException.class).hasMessage("option 'port': default 80 is not an int");
        assertThatThrownBy(() -> new ConfigOption("a b", OptionType.INT, null, ""))
                .isInstanceOf(CharmException.class);
    }
}
