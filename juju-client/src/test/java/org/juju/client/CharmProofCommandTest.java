package org.juju.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.juju.client.CliHarness.Result;
import org.juju.state.codec.YamlCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code juju charm proof} on the example charms (no errors) and on every fixture of
 * src-it/.../charms/broken (exactly its defect), in both output formats, with the exit codes.
 */
class CharmProofCommandTest {
    private static final Path EXAMPLES = Path.of("../charms-examples/bookworm");
    private static final Path BROKEN = Path.of("../src-it/src/test/resources/charms/broken");

    @TempDir
    Path home;

    private Result proof(String... args) {
        String[] line = new String[args.length + 2];
        line[0] = "charm";
        line[1] = "proof";
        System.arraycopy(args, 0, line, 2, args.length);
        return new CliHarness(home).run(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kvstore", "webfront", "mysql", "wordpress"})
    void exampleCharmsHaveNoErrors(String charm) {
        Result result = proof(EXAMPLES.resolve(charm).toString());

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).doesNotContain("E: ").containsPattern("(?m)^0 errors, \\d+ warnings?$");
        assertThat(result.err()).as(result.toString()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "hook-not-executable, 1, E, hooks/install, 'not executable (chmod +x hooks/install)'",
        "no-shebang, 1, E, hooks/install, 'no #! line'",
        "missing-interpreter, 0, W, hooks/install, '/usr/bin/no-such-interpreter'",
        "bad-metadata, 1, E, metadata.yaml, 'invalid YAML at line 3'",
        "wrong-config-default, 1, E, config.yaml, 'is not an int'",
        "reserved-relation, 1, E, metadata.yaml, 'provides.juju-db'",
        "hook-for-unknown-relation, 0, W, hooks/cache-relation-joined, 'relation ''cache'''",
        "escaping-symlink, 1, E, hooks/stop, 'outside the charm'",
        "bad-revision, 1, E, revision, 'found ''one'''",
    })
    void eachBrokenFixtureGetsItsOneFinding(String fixture, int exitCode, String letter, String file, String message) {
        Result result = proof(BROKEN.resolve(fixture).toString());

        assertThat(result.code()).as(result.toString()).isEqualTo(exitCode);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).as(result.toString()).hasSize(2);
        assertThat(lines.get(0)).startsWith(letter + ": " + file + ": ").contains(message);
        assertThat(lines.get(1)).isEqualTo(letter.equals("E") ? "1 error, 0 warnings" : "0 errors, 1 warning");
    }

    @Test
    void parserWarningsAreFindingsAndNotAlsoLogged() throws Exception {
        Path charm = home.resolve("webfront");
        copy(EXAMPLES.resolve("webfront"), charm);
        Files.writeString(charm.resolve("metadata.yaml"), "colour: blue\n", StandardOpenOption.APPEND);

        PrintStream stderr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Result result;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            result = proof(charm.toString());
        } finally {
            System.setErr(stderr);
        }

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).isEqualTo("W: metadata.yaml: unknown key 'colour' ignored\n"
                + "0 errors, 1 warning\n");
        assertThat(result.err()).as(result.toString()).isEmpty();
        assertThat(logged.toString(StandardCharsets.UTF_8)).as("the parser's log").isEmpty();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    @Test
    void strictFailsOnWarnings() {
        Path fixture = BROKEN.resolve("hook-for-unknown-relation");

        assertThat(proof(fixture.toString()).code()).isZero();
        assertThat(proof("--strict", fixture.toString()).code()).isEqualTo(1);
        assertThat(proof("--strict", EXAMPLES.resolve("kvstore").toString()).code()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonListsErrorsAndWarningsWithCodes() {
        Result result = proof("--format", "json", BROKEN.resolve("hook-not-executable").toString());

        assertThat(result.code()).as(result.toString()).isEqualTo(1);
        Map<String, Object> data = YamlCodec.parseMap(result.out(), "proof output");
        assertThat(data).containsEntry("charm", "hook-not-executable").containsEntry("warnings", List.of());
        assertThat((List<Object>) data.get("errors")).containsExactly(Map.of("code", "hook-not-executable",
                "file", "hooks/install", "message", "not executable (chmod +x hooks/install)"));
    }

    @Test
    void jsonNamesNoCharmWhenMetadataIsBroken() {
        Result result = proof("--format", "json", BROKEN.resolve("bad-metadata").toString());

        assertThat(YamlCodec.parseMap(result.out(), "proof output")).containsEntry("charm", null);
        assertThat(result.out()).contains("\"code\":\"metadata-unparseable\"");
    }

    @Test
    void aDirThatIsNotADirectoryIsBadUsage() throws Exception {
        Path file = Files.writeString(home.resolve("metadata.yaml"), "name: x\n");

        Result notADirectory = proof(file.toString());
        Result missing = proof(home.resolve("nothing").toString());

        assertThat(notADirectory.code()).as(notADirectory.toString()).isEqualTo(2);
        assertThat(notADirectory.err()).startsWith("error: ").contains("not a directory");
        assertThat(notADirectory.out()).isEmpty();
        assertThat(missing.code()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).contains("no such directory");
    }

    @Test
    void unknownFormatIsBadUsage() {
        Result result = proof("--format", "xml", EXAMPLES.resolve("kvstore").toString());

        assertThat(result.code()).as(result.toString()).isEqualTo(2);
    }
}
