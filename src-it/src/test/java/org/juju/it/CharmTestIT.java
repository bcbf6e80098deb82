package org.juju.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;

/**
 * {@code bin/juju charm test} as a user runs it, on the real launcher and process: the example
 * charms' shipped scenarios pass, and a charm with a failing scenario exits 1 with the failure in
 * the JUnit report.
 */
class CharmTestIT {
    private static final Path EXAMPLES = JujuProcess.ROOT.resolve("charms-examples/bookworm");
    private static final Path FAILING = JujuProcess.ROOT.resolve("src-it/src/test/resources/charms/broken/failing-scenario");

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"kvstore, 3", "webfront, 3", "mysql, 2", "wordpress, 2"})
    void theExampleCharmsShippedScenariosPass(String charm, int scenarios) throws Exception {
        Path report = temp.resolve("reports/" + charm + ".xml");
        JujuProcess.Result result = new JujuProcess(temp.resolve("home")).run(Duration.ofSeconds(300),
                "charm", "test", EXAMPLES.resolve(charm).toString(), "--junit", report.toString());
        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).endsWith(scenarios + " passed, 0 failed\n")
                .doesNotContain("FAIL");
        assertThat(result.err()).as(result.toString()).isEmpty();
        Element suite = junit(report);
        assertThat(suite.getAttribute("name")).isEqualTo("charm." + charm);
        assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(scenarios));
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
    }

    @Test
    void aFailingScenarioExitsOneAndItsFailureIsInTheJunitReport() throws Exception {
        Path report = temp.resolve("failing.xml");
        JujuProcess.Result result = new JujuProcess(temp.resolve("home")).run(
                "charm", "test", FAILING.toString(), "--junit", report.toString());
        String failure = FAILING.resolve("tests/02-start.yaml") + ": step 1 (start): status: expected active \"started\","
                + " got maintenance \"not started: this charm has nothing to run\"";
        assertThat(result.code()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).as(result.toString()).containsPattern("(?m)^PASS 01-install \\(1 hook, \\d+ ms\\)$")
                .contains("FAIL 02-start: " + failure + "\n").endsWith("1 passed, 1 failed\n");

        Element suite = junit(report);
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        Element failed = (Element) suite.getElementsByTagName("testcase").item(1);
        assertThat(failed.getAttribute("name")).isEqualTo("02-start");
        assertThat(((Element) failed.getElementsByTagName("failure").item(0)).getAttribute("message")).isEqualTo(failure);
        assertThat(failed.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("--- step 1 (start): exit 0\nstdout: starting nothing\n");
    }

    private static Element junit(Path report) throws Exception {
        assertThat(report).exists();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Files.newInputStream(report))
                .getDocumentElement();
    }
}
