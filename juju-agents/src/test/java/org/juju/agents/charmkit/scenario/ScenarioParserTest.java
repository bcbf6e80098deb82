package org.juju.agents.charmkit.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
    private static final Path FILE = Path.of("tests", "join.yaml");

    @Test
    void readsEveryKeyOfTheFormat() {
        Scenario scenario = ScenarioParser.parse("""
                description: all of it
                unit: front/3
                config: {bucket: shop, size: 3}
                addresses: {private-address: 192.0.2.5}
                stubs: {apt-get: "echo stubbed"}
                relations:
                  - relation: kv
                    id: 4
                    members: [kvstore/0]
                    remote-settings: {kvstore/0: {host: 192.0.2.20, port: 7000}}
                    local-settings: {bucket: web}
                hooks:
                  - install
                  - hook: kv-relation-changed
                    relation-id: 4
                    remote-unit: kvstore/0
                    config: {bucket: ~}
                    remote-settings: {kvstore/0: {ready: yes}}
                    expect:
                      exit-code: 3
                      settings: {kv: {bucket: shop, gone: ~}}
                      status: {state: active, message: up, message-contains: u}
                      ports: [8080/tcp, 53/udp]
                      stdout-contains: [out]
                      stderr-contains: err
                      log-contains: [logged]
                """, FILE);
        assertThat(scenario.name()).isEqualTo("join");
        assertThat(scenario.unit()).contains("front/3");
        assertThat(scenario.config()).containsEntry("size", 3);
        assertThat(scenario.stubs()).containsEntry("apt-get", "echo stubbed");
        RelationSetup kv = scenario.relations().get(0);
        assertThat(kv.id()).contains(4);
        assertThat(kv.remoteSettings()).containsEntry("kvstore/0", Map.of("host", "192.0.2.20", "port", "7000"));
        assertThat(scenario.steps()).hasSize(2);
        assertThat(scenario.steps().get(0).expect()).isEqualTo(Expectation.success());
        ScenarioStep step = scenario.steps().get(1);
        assertThat(step.config()).containsEntry("bucket", null);
        assertThat(step.remoteSettings().get("kvstore/0")).containsEntry("ready", "true");
        Expectation expect = step.expect();
        assertThat(expect.exitCode()).isEqualTo(3);
        assertThat(expect.settings().get("kv")).containsEntry("bucket", "shop").containsEntry("gone", null);
        assertThat(expect.status()).contains(new StatusExpectation("active", java.util.Optional.of("up"),
                java.util.Optional.of("u")));
        assertThat(expect.ports()).contains(java.util.List.of("8080/tcp", "53/udp"));
        assertThat(expect.stderrContains()).containsExactly("err");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty file                  | ''                                                   | tests/join.yaml: empty scenario
            not a mapping               | '[install]'                                          | expected a mapping at the top level
            invalid YAML                | 'hooks: [install'                                    | tests/join.yaml: invalid YAML
            unknown top key             | 'hooks: [install]\\nhook: install'                   | tests/join.yaml: hook: unknown key (expected one of: description, unit
            no hooks                    | 'config: {}'                                         | tests/join.yaml: missing key 'hooks'
            empty hooks                 | 'hooks: []'                                          | tests/join.yaml: hooks: expected at least one hook
            hooks not a list            | 'hooks: install'                                     | tests/join.yaml: hooks: expected a list, found a string
            step without hook           | 'hooks: [{expect: {}}]'                              | tests/join.yaml: hooks[0]: missing key 'hook'
            unknown step key            | 'hooks: [{hook: install, wait: 1}]'                  | tests/join.yaml: hooks[0] (install).wait: unknown key
            unknown expect key          | 'hooks: [{hook: install, expect: {code: 1}}]'        | tests/join.yaml: hooks[0] (install).expect.code: unknown key
            exit code not a number      | 'hooks: [{hook: install, expect: {exit-code: one}}]' | hooks[0] (install).expect.exit-code: expected an integer, found a string
            exit code out of range      | 'hooks: [{hook: install, expect: {exit-code: 256}}]' | hooks[0] (install).expect.exit-code: 256 is out of range (0 to 255)
            unknown status              | 'hooks: [{hook: install, expect: {status: up}}]'     | hooks[0] (install).expect.status.state: 'up' is no status
            unknown status key          | 'hooks: [{hook: install, expect: {status: {state: active, msg: x}}}]' | expect.status.msg: unknown key
            settings not per relation   | 'hooks: [{hook: install, expect: {settings: {a: b}}}]' | expect.settings.a: expected a mapping, found a string
            unknown relation key        | 'relations: [{relation: db, peers: []}]\\nhooks: [install]' | tests/join.yaml: relations[0].peers: unknown key
            relation without name       | 'relations: [{members: []}]\\nhooks: [install]'     | tests/join.yaml: relations[0]: missing key 'relation'
            remote settings not per unit | 'relations: [{relation: db, remote-settings: {a: b}}]\\nhooks: [install]' | relations[0].remote-settings.a: expected a mapping, found a string
            nested setting value        | 'relations: [{relation: db, local-settings: {a: [1]}}]\\nhooks: [install]' | relations[0].local-settings.a: expected a string, found a list
            unknown address             | 'addresses: {ip: 192.0.2.1}\\nhooks: [install]'     | tests/join.yaml: addresses.ip: unknown key
            stub not a script           | 'stubs: {apt-get: [a]}\\nhooks: [install]'          | tests/join.yaml: stubs.apt-get: expected a string, found a list
            unit not a string           | 'unit: [a]\\nhooks: [install]'                      | tests/join.yaml: unit: expected a string, found a list
            """)
    void refusesMalformedFilesNamingFileAndKeyPath(String what, String text, String message) {
        assertThatThrownBy(() -> ScenarioParser.parse(text.replace("\\n", "\n"), FILE))
                .as(what).isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }
}
