package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.juju.state.error.InvalidInputException;
import org.juju.state.testing.CleanOutcome;
import org.juju.state.testing.ScratchDirectory;

/**
 * Hook tools given garbage: any tool name and any arguments give a result with one stderr line and
 * an exit code, never an exception or an internal error; argument parsing refuses cleanly.
 */
class HookToolsPropertiesTest {
    private static Path cwd;

    @BeforeContainer
    static void makeDirectory() {
        cwd = ScratchDirectory.create("hooktools-props");
    }

    @AfterContainer
    static void removeDirectory() {
        ScratchDirectory.delete(cwd);
    }

    @Property(tries = 1000)
    void anyArgumentsParseOrAreRefused(@ForAll("arguments") List<String> args) {
        CleanOutcome.of(() -> ToolArgs.parse(args, java.util.EnumSet.allOf(ToolOption.class)),
                InvalidInputException.class, null).ifPresent(parsed ->
                assertThat(parsed.positionals().size() + parsed.options().size()).isLessThanOrEqualTo(args.size()));
        CleanOutcome.of(() -> ToolArgs.parse(args, java.util.EnumSet.noneOf(ToolOption.class)),
                InvalidInputException.class, null);
    }

    @Property(tries = 1000)
    void anyToolCallGivesAResultWithAnExitCodeAndOneErrorLine(@ForAll("tools") String tool,
                                                              @ForAll("arguments") List<String> args) {
        HookContext context = new HookContext(HookFixture.DB_CHANGED, HookFixture.data());

        ToolResult result = HookTools.run(context, tool, args, cwd);

        if (result.exitCode() == HookTools.EXIT_OK) {
            assertThat(result.stderr()).isEmpty();
        } else {
            assertThat(result.exitCode()).isIn(HookTools.EXIT_FAILED, HookTools.EXIT_USAGE);
            assertThat(result.stderr()).startsWith(tool + ": ").endsWith("\n").doesNotContain("internal error");
            assertThat(result.stderr().lines()).hasSize(1);
        }
    }

    @Provide
    Arbitrary<String> tools() {
        List<String> names = new ArrayList<>(HookTools.names());
        names.addAll(List.of("", "relation-get ", "rm", "../relation-get", "RELATION-GET"));
        return Arbitraries.of(names);
    }

    /** Options, formats, relation ids, units, keys, KEY=VALUE pairs, relative file names and junk. */
    @Provide
    Arbitrary<List<String>> arguments() {
        Arbitrary<String> words = Arbitraries.of("-r", "--relation", "--format", "-o", "--output", "--file", "-l",
                "--level", "-h", "--help", "--", "-", "-x", "--bogus", "json", "yaml", "shell", "smart", "xml",
                "db:0", "db:3", "cache:3", "db", "0", "-1", "db:99999999999", "mysql/0", "mysql/7", "wordpress/0",
                "user", "password", "k=v", "k=", "=v", "=", "k=@missing", "k=@", "a b=c", "port", "title",
                "out.txt", "sub/out.txt", "ERROR", "DEBUG", "maintenance", "active", "blocked", "tcp", "80/tcp",
                "65536/udp", "80-90/tcp", "x/y");
        Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(12)
                .filter(s -> !s.startsWith("/") && !s.contains("..") && !s.startsWith("@"));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, words), net.jqwik.api.Tuple.of(1, junk))
                .list().ofMaxSize(6);
    }
}
