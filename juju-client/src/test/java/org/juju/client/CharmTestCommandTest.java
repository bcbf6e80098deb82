package org.juju.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.juju.client.CliHarness.Result;
import org.juju.state.charm.CharmBundle;
import org.juju.state.codec.YamlCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code juju charm test}: scenario files run on a simulated unit, reported like a test runner. */
class CharmTestCommandTest {
    private static final Path WEBFRONT = Path.of("..", "charms-examples", "bookworm", "webfront");

    @TempDir
    Path temp;
    private CliHarness juju;
    private Path charm;

    @BeforeEach
    void probeCharm() throws IOException {
        juju = new CliHarness(temp.resolve("home"));
        charm = temp.resolve("probe");
        Files.createDirectories(charm.resolve("hooks"));
        Files.createDirectories(charm.resolve("tests"));
        Files.writeString(charm.resolve("metadata.yaml"), "name: probe\nsummary: a probe\ndescription: a probe\n");
        Files.writeString(charm.resolve("revision"), "1\n");
        Path install = charm.resolve("hooks/install");
        Files.writeString(install, "#!/bin/bash\necho \"installing <now> & then\"\nstatus-set active up\n");
        Files.setPosixFilePermissions(install, PosixFilePermissions.fromString("rwxr-xr-x"));
        scenario("a-passes", "hooks: [{hook: install, expect: {status: active}}]\n");
        scenario("b-fails", "hooks: [{hook: install, expect: {status: {state: blocked, message: \"<down>\"}}}]\n");
    }

    private void scenario(String name, String text) throws IOException {
        Files.writeString(charm.resolve("tests").resolve(name + ".yaml"), text);
    }

    @Test
    void theExampleCharmsScenariosPassAndEachIsReportedWithItsHooksAndTime() {
        Result result = juju.run("charm", "test", WEBFRONT.toString());
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern("(?m)^PASS 01-install-and-config \\(3 hooks, \\d+ ms\\)$")
                .containsPattern("(?m)^PASS 02-kv-exchange \\(5 hooks, \\d+ ms\\)$")
                .endsWith("3 passed, 0 failed\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theExampleCharmsStayBundleableWithTheirTestsInsideTheBundle() throws IOException {
        for (String name : List.of("kvstore", "webfront", "mysql", "wordpress")) {
            Path dir = WEBFRONT.resolveSibling(name);
            Path zip = temp.resolve(name + ".charm");
            CharmBundle.write(dir, zip);
            assertThat(CharmBundle.read(zip).name()).isEqualTo(name);
            Path extracted = temp.resolve("extracted-" + name);
            CharmBundle.extract(zip, extracted);
            try (var tests = Files.list(extracted.resolve("tests"))) {
                assertThat(tests.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).count())
                        .as(name + " ships at least two scenarios").isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aFailingScenarioExitsOneAndIsInTheJunitReportWithTheHooksOutput() throws Exception {
        Path report = temp.resolve("reports/junit.xml");
        Result result = juju.run("charm", "test", charm.toString(), "--junit", report.toString());
        assertThat(result.code()).as(result.toString()).isEqualTo(1);
        String failure = charm.resolve("tests/b-fails.yaml") + ": step 0 (install): status: expected blocked \"<down>\","
                + " got active \"up\"";
        assertThat(result.out()).containsPattern("(?m)^PASS a-passes \\(1 hook, \\d+ ms\\)$")
                .contains("FAIL b-fails: " + failure + "\n    --- step 0 (install): exit 0\n"
                        + "    stdout: installing <now> & then\n")
                .endsWith("1 passed, 1 failed\n");

        Element suite = parse(report).getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("charm.probe");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element passed = (Element) cases.item(0);
        assertThat(passed.getAttribute("name")).isEqualTo("a-passes");
        assertThat(passed.getAttribute("classname")).isEqualTo("charm.probe");
        assertThat(passed.getAttribute("time")).matches("\\d+\\.\\d{3}");
        assertThat(passed.getElementsByTagName("failure").getLength()).isZero();
        Element failed = (Element) cases.item(1);
        Element element = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(element.getAttribute("message")).isEqualTo(failure);
        assertThat(element.getTextContent()).isEqualTo(failure);
        assertThat(failed.getElementsByTagName("system-out").item(0).getTextContent())
                .isEqualTo("--- step 0 (install): exit 0\nstdout: installing <now> & then\n");
    }

    @Test
    void aMalformedFileIsReportedAsAnErrorWhileTheOthersStillRunAndExitsTwo() throws Exception {
        scenario("c-malformed", "hooks: [{hook: install, expect: {exitcode: 0}}]\n");
        Path report = temp.resolve("junit.xml");
        Result result = juju.run("charm", "test", charm.toString(), "--junit", report.toString());
        assertThat(result.code()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).contains("PASS a-passes", "FAIL b-fails: ")
                .contains("FAIL c-malformed: " + charm.resolve("tests/c-malformed.yaml")
                        + ": hooks[0] (install).expect.exitcode: unknown key (expected one of: exit-code,")
                .endsWith("1 passed, 2 failed\n");
        Element suite = parse(report).getDocumentElement();
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        Element malformed = (Element) suite.getElementsByTagName("testcase").item(2);
        assertThat(((Element) malformed.getElementsByTagName("error").item(0)).getAttribute("message"))
                .contains("expect.exitcode: unknown key");
        assertThat(malformed.getElementsByTagName("system-out").getLength()).isZero();
    }

    @Test
    void namedScenariosAndKeywordSelectWhatRuns() {
        Result named = juju.run("charm", "test", charm.toString(), "b-fails.yaml", "a-passes");
        assertThat(named.out().lines().filter(l -> l.startsWith("PASS") || l.startsWith("FAIL"))
                .map(l -> l.substring(0, l.indexOf(' ', 5))).toList())
                .containsExactly("FAIL b-fails:", "PASS a-passes");
        Result keyword = juju.run("charm", "test", charm.toString(), "-k", "pass");
        assertThat(keyword.code()).as(keyword.toString()).isZero();
        assertThat(keyword.out()).contains("PASS a-passes").doesNotContain("b-fails").endsWith("1 passed, 0 failed\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonFormatGivesEveryScenarioWithItsSteps() {
        Result result = juju.run("charm", "test", charm.toString(), "--format", "json");
        assertThat(result.code()).isEqualTo(1);
        Map<String, Object> document = YamlCodec.parseMap(result.out(), "output");
        assertThat(document).containsEntry("charm", "probe").containsEntry("passed", 1).containsEntry("failed", 1);
        List<Map<String, Object>> scenarios = (List<Map<String, Object>>) document.get("scenarios");
        assertThat(scenarios).extracting(s -> s.get("name"), s -> s.get("result"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a-passes", "pass"),
                        org.assertj.core.groups.Tuple.tuple("b-fails", "fail"));
        assertThat(scenarios.get(0)).containsEntry("failure", null);
        assertThat((String) scenarios.get(1).get("failure")).contains("status: expected blocked");
        Map<String, Object> step = ((List<Map<String, Object>>) scenarios.get(1).get("hooks")).get(0);
        assertThat(step).containsEntry("hook", "install").containsEntry("exit-code", 0)
                .containsEntry("stdout", List.of("installing <now> & then"));
        assertThat(result.out()).doesNotContain("PASS");
    }

    @Test
    void badInputIsOneLineExitTwoWithNothingRun() throws IOException {
        assertRejected(juju.run("charm", "test", temp.resolve("nowhere").toString()), "charm directory not found");
        Files.createDirectories(temp.resolve("empty"));
        assertRejected(juju.run("charm", "test", temp.resolve("empty").toString()), "metadata.yaml");
        assertRejected(juju.run("charm", "test", charm.toString(), "nope"),
                "no scenario 'nope' in " + charm.resolve("tests") + " (it has: a-passes, b-fails)");
        assertRejected(juju.run("charm", "test", charm.toString(), "-k", "zzz"), "no scenario name contains 'zzz'");
        assertRejected(juju.run("charm", "test", charm.toString(), "--format", "xml"), "xml");
        Files.delete(charm.resolve("tests/a-passes.yaml"));
        Files.delete(charm.resolve("tests/b-fails.yaml"));
        assertRejected(juju.run("charm", "test", charm.toString()), "holds no scenario files (*.yaml)");
        Files.delete(charm.resolve("tests"));
        assertRejected(juju.run("charm", "test", charm.toString()), charm + " has no tests directory");
    }

    private static void assertRejected(Result result, String message) {
        assertThat(result.code()).as(result.toString()).isEqualTo(2);
        assertThat(result.out()).as(result.toString()).isEmpty();
        assertThat(result.err()).as(result.toString()).startsWith("error: ").contains(message).doesNotContain("\tat ");
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
