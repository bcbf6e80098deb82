package org.juju.state.charm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.CharmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CharmMetadataTest {
    private static final String HEAD = "name: mysql\nsummary: a database\ndescription: a longer text\n";

    private static CharmMetadata parse(String yaml) {
        return CharmMetadata.parse(yaml, "metadata.yaml").value();
    }

    @Test
    void shortFormGivesDefaultsPerRole() {
        CharmMetadata meta = parse(HEAD + "provides:\n  db: mysql\nrequires:\n  cache: memcache\npeers:\n  ring: gossip\n");
        assertThat(meta.name()).isEqualTo("mysql");
        assertThat(meta.summary()).isEqualTo("a database");
        assertThat(meta.description()).isEqualTo("a longer text");
        assertThat(meta.subordinate()).isFalse();
        assertThat(meta.declaredRelations()).containsExactly(
                new RelationSpec("db", "mysql", Role.PROVIDER, 0, false, Scope.GLOBAL),
                new RelationSpec("cache", "memcache", Role.REQUIRER, 1, false, Scope.GLOBAL),
                new RelationSpec("ring", "gossip", Role.PEER, 1, false, Scope.GLOBAL));
    }

    @Test
    void longFormReadsEveryField() {
        CharmMetadata meta = parse(HEAD + "requires:\n  db:\n    interface: mysql\n    limit: 3\n"
                + "    optional: true\n    scope: container\n  web:\n    interface: http\n");
        assertThat(meta.relation("db")).contains(new RelationSpec("db", "mysql", Role.REQUIRER, 3, true, Scope.CONTAINER));
        assertThat(meta.relation("web")).contains(new RelationSpec("web", "http", Role.REQUIRER, 1, false, Scope.GLOBAL));
    }

    @Test
    void nullLimitMeansUnlimited() {
        CharmMetadata meta = parse(HEAD + "requires:\n  db: {interface: mysql, limit: null}\n");
        assertThat(meta.relation("db").orElseThrow().limit()).isZero();
    }

    @Test
    void everyCharmProvidesJujuInfoImplicitlyAndFirst() {
        CharmMetadata meta = parse(HEAD + "provides:\n  db: mysql\n");
        assertThat(meta.relations()).first().isEqualTo(RelationSpec.JUJU_INFO);
        assertThat(meta.relation("juju-info")).contains(RelationSpec.JUJU_INFO);
        assertThat(meta.relationsByRole(Role.PROVIDER)).extracting(RelationSpec::name).containsExactly("juju-info", "db");
        assertThat(meta.relationsByRole(Role.REQUIRER)).isEmpty();
        assertThat(meta.declaredRelations()).extracting(RelationSpec::name).containsExactly("db");
        assertThat(parse(HEAD).relations()).containsExactly(RelationSpec.JUJU_INFO);
    }

    @Test
    void subordinateMayRequireTheJujuInfoInterfaceInContainerScope() {
        CharmMetadata meta = parse(HEAD.replace("mysql", "logger") + "subordinate: true\n"
                + "requires:\n  host:\n    interface: juju-info\n    scope: container\n");
        assertThat(meta.subordinate()).isTrue();
        assertThat(meta.relation("host").orElseThrow().scope()).isEqualTo(Scope.CONTAINER);
    }

    @Test
    void subordinateWithoutContainerScopedRequiresIsRefused() {
        assertThatThrownBy(() -> parse(HEAD + "subordinate: true\nrequires:\n  host: juju-info\n"))
                .isInstanceOf(CharmException.class)
                .hasMessage("metadata.yaml: key 'subordinate': a subordinate charm needs at least one requires"
                        + " relation with scope: container");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "provides:\\n  juju-info: juju-info | key 'provides.juju-info': relation name 'juju-info' is reserved",
            "requires:\\n  juju-info: juju-info | key 'requires.juju-info': relation name 'juju-info' is reserved",
            "peers:\\n  juju: x                 | key 'peers.juju': relation name 'juju' is reserved",
            "provides:\\n  juju-db: mysql       | key 'provides.juju-db': relation name 'juju-db' is reserved",
            "provides:\\n  info: juju-info      | key 'provides.info': interface 'juju-info' is reserved",
            "peers:\\n  ring: juju-ring         | key 'peers.ring': interface 'juju-ring' is reserved",
            "provides:\\n  db: mysql\\nrequires:\\n  db: mysql | key 'requires.db': relation name 'db' is already used under 'provides'",
            "provides:\\n  db: [a, b]           | key 'provides.db': expected an interface name or a mapping, found a list",
            "provides:\\n  db: {limit: 1}       | key 'provides.db': missing required key 'interface'",
            "provides:\\n  db: {interface: 3}   | key 'provides.db.interface': expected a string, found a number",
            "provides:\\n  db: {interface: x, limit: many} | key 'provides.db.limit': expected an integer, found a string",
            "provides:\\n  db: {interface: x, limit: -1}   | key 'provides.db.limit': -1 is negative",
            "provides:\\n  db: {interface: x, optional: 2} | key 'provides.db.optional': expected a boolean",
            "provides:\\n  db: {interface: x, scope: box}  | key 'provides.db.scope': expected global or container, found 'box'",
            "provides:\\n  Db: mysql            | key 'provides.Db': invalid relation name 'Db'",
            "provides:\\n  db: My Sql           | key 'provides.db': invalid interface name 'My Sql'",
            "provides: [db]                     | key 'provides': expected a mapping of relation names to interfaces, found a list",
            "subordinate: maybe                 | key 'subordinate': expected a boolean (true or false), found a string"})
    void invalidRelationsAreRefusedNamingFileAndKey(String extra, String problem) {
        assertThatThrownBy(() -> parse(HEAD + extra.replace("\\n", "\n") + "\n"))
                .isInstanceOf(CharmException.class)
                .hasMessageStartingWith("metadata.yaml: " + problem)
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @CsvSource({"name", "summary", "description"})
    void missingRequiredKeyIsNamed(String key) {
        String yaml = HEAD.lines().filter(l -> !l.startsWith(key + ":")).map(l -> l + "\n").reduce("", String::concat);
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(CharmException.class)
                .hasMessage("metadata.yaml: missing required key '" + key + "'");
    }

    @Test
    void wronglyTypedKeysAreNamed() {
        assertThatThrownBy(() -> parse("name: [a]\nsummary: s\ndescription: d\n"))
                .isInstanceOf(CharmException.class)
                .hasMessage("metadata.yaml: key 'name': expected a string, found a list");
        assertThatThrownBy(() -> parse("name: mysql\nsummary: {a: 1}\ndescription: d\n"))
                .hasMessage("metadata.yaml: key 'summary': expected a string, found a mapping");
        assertThatThrownBy(() -> parse("name: My_SQL\nsummary: s\ndescription: d\n"))
                .hasMessageStartingWith("metadata.yaml: key 'name': invalid charm name 'My_SQL'");
    }

    @Test
    void invalidYamlIsACharmErrorNamingTheFile() {
        assertThatThrownBy(() -> parse("name: [unclosed\n"))
                .isInstanceOf(CharmException.class)
                .hasMessageStartingWith("metadata.yaml: invalid YAML");
    }

    @Test
    void unknownKeysAreWarnedAboutButKnownExtrasAreNot() {
        Parsed<CharmMetadata> parsed = CharmMetadata.parse(HEAD + "revision: 3\njuju: charm\nmaintainer: me\n"
                + "categories: [db]\ntags: [x]\nseries: [precise]\nformat: 2\nmin-juju-version: 2.0\nterms: []\n"
                + "extra-bindings: {}\nstorage: {}\nresources: {}\ndeployment: {}\ncolour: blue\n"
                + "provides:\n  db: {interface: mysql, flavour: x}\n", "metadata.yaml");
        assertThat(parsed.warnings()).containsExactly(
                "metadata.yaml: key 'revision' is obsolete: the revision belongs in the 'revision' file",
                "metadata.yaml: unknown key 'juju' ignored",
                "metadata.yaml: unknown key 'colour' ignored",
                "metadata.yaml: key 'provides.db.flavour': unknown key ignored");
        assertThat(parsed.value().name()).isEqualTo("mysql");
    }

    @Test
    void cleanMetadataHasNoWarnings() {
        assertThat(CharmMetadata.parse(HEAD + "provides:\n  db: mysql\n", "metadata.yaml").warnings()).isEmpty();
    }

    @Test
    void storedFormReadsBackEqualThroughYaml() {
        CharmMetadata meta = parse(HEAD + "subordinate: true\nprovides:\n  db: mysql\n  admin: {interface: x, limit: 2}\n"
                + "requires:\n  host: {interface: juju-info, scope: container, optional: true}\npeers:\n  ring: gossip\n");
        Map<String, Object> stored = YamlCodec.parseMap(YamlCodec.dump(meta.toMap()), "/charms/x");
        assertThat(CharmMetadata.fromMap(stored)).isEqualTo(meta);
        assertThat(stored).doesNotContainKey("juju-info");
        assertThat(stored.get("provides")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("db", "admin");
    }

    @Test
    void constructorAddsJujuInfoOnceAndRefusesDuplicates() {
        RelationSpec db = new RelationSpec("db", "mysql", Role.PROVIDER, 0, false, Scope.GLOBAL);
        CharmMetadata meta = new CharmMetadata("mysql", "s", "d", false, List.of(db));
        assertThat(new CharmMetadata("mysql", "s", "d", false, meta.relations())).isEqualTo(meta);
        assertThatThrownBy(() -> new CharmMetadata("mysql", "s", "d", false, List.of(db, db)))
                .isInstanceOf(CharmException.class).hasMessageContaining("already used");
    }
}
