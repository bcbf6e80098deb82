package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.juju.state.error.InvalidInputException;
import org.juju.state.testing.CleanOutcome;
import org.juju.state.testing.Gen;
import org.juju.state.testing.Gens;
import org.juju.state.testing.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hook tools given garbage: any tool name and any arguments give a result with one stderr line and
 * an exit code, never an exception or an internal error; argument parsing refuses cleanly.
 */
class HookToolsPropertiesTest {
    @TempDir
    Path cwd;

    @Test
    void anyArgumentsParseOrAreRefused() {
        Properties.forAll("any arguments parse or are refused", 1000, arguments(), args -> {
            CleanOutcome.of(() -> ToolArgs.parse(args, java.util.EnumSet.allOf(ToolOption.class)),
                    InvalidInputException.class, null).ifPresent(parsed -> assertThat(
                    parsed.positionals().size() + parsed.options().size()).isLessThanOrEqualTo(args.size()));
            CleanOutcome.of(() -> ToolArgs.parse(args, java.util.EnumSet.noneOf(ToolOption.class)),
                    InvalidInputException.class, null);
        });
    }

    private record Call(String tool, List<String> args) {
    }

    @Test
    void anyToolCallGivesAResultWithAnExitCodeAndOneErrorLine() {
        Gen<String> tools = tools();
        Gen<List<String>> arguments = arguments();
        Gen<Call> calls = random -> new Call(tools.next(random), arguments.next(random));
        Properties.forAll("any tool call gives a result with an exit code and one error line", 1000, calls, call -> {
            HookContext context = new HookContext(HookFixture.DB_CHANGED, HookFixture.data());

            ToolResult result = HookTools.run(context, call.tool(), call.args(), cwd);

            if (result.exitCode() == HookTools.EXIT_OK) {
                assertThat(result.stderr()).isEmpty();
            } else {
                assertThat(result.exitCode()).isIn(HookTools.EXIT_FAILED, HookTools.EXIT_USAGE);
                assertThat(result.stderr()).startsWith(call.tool() + ": ").endsWith("\n")
                        .doesNotContain("internal error");
                assertThat(result.stderr().lines()).hasSize(1);
            }
        });
    }

    private static Gen<String> tools() {
        List<String> names = new ArrayList<>(HookTools.names());
        names.addAll(List.of("", "relation-get ", "rm", "../relation-get", "RELATION-GET"));
        return Gens.of(names);
    }

    /** Options, formats, relation ids, units, keys, KEY=VALUE pairs, relative file names and junk. */
    private static Gen<List<String>> arguments() {
        Gen<String> words = Gens.of("-r", "--relation", "--format", "-o", "--output", "--file", "-l",
                "--level", "-h", "--help", "--", "-", "-x", "--bogus", "json", "yaml", "shell", "smart", "xml",
                "db:0", "db:3", "cache:3", "db", "0", "-1", "db:99999999999", "mysql/0", "mysql/7", "wordpress/0",
                "user", "password", "k=v", "k=", "=v", "=", "k=@missing", "k=@", "a b=c", "port", "title",
                "out.txt", "sub/out.txt", "ERROR", "DEBUG", "maintenance", "active", "blocked", "tcp", "80/tcp",
                "65536/udp", "80-90/tcp", "x/y");
        Gen<String> junk = Gens.strings(12)
                .filter(s -> !s.startsWith("/") && !s.contains("..") && !s.startsWith("@"));
        return Gens.frequency(5, words, 1, junk).list(6);
    }
}
