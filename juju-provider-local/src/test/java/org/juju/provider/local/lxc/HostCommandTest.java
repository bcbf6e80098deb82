package org.juju.provider.local.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.juju.state.error.ProviderException;
import org.junit.jupiter.api.Test;

class HostCommandTest {
    @Test
    void eachLineOfOutputIsHandedOnAsItComesAndKept() {
        List<String> seen = new CopyOnWriteArrayList<>();

        HostCommand.Result result = HostCommand.status(Duration.ofSeconds(10),
                List.of("sh", "-c", "echo one; echo two >&2; echo; exit 3"), seen::add);

        assertThat(seen).containsExactly("one", "two", "");
        assertThat(result.status()).isEqualTo(3);
        assertThat(result.output()).isEqualTo("one\ntwo\n\n");
        assertThat(result.lastLine()).isEqualTo("two");
    }

    @Test
    void inputGoesToTheCommandsStdinNotItsArguments() {
        HostCommand.Result result = HostCommand.status(Duration.ofSeconds(10),
                List.of("sh", "-c", "echo \"args: $#\"; tr a-z A-Z"), "secret\nlines\n".getBytes());

        assertThat(result.status()).isZero();
        assertThat(result.output()).isEqualTo("args: 0\nSECRET\nLINES\n");
        assertThat(HostCommand.status(Duration.ofSeconds(10), List.of("cat")).output()).as("stdin is empty by default")
                .isEmpty();
    }

    @Test
    void aFailureQuotesTheLastLineAndASlowCommandIsKilled() {
        assertThatThrownBy(() -> HostCommand.run(Duration.ofSeconds(10), List.of("sh", "-c", "echo no such bridge >&2; exit 2")))
                .isInstanceOf(ProviderException.class).hasMessage("sh -c echo no such bridge >&2; exit 2 failed (exit 2): no such bridge");
        long started = System.nanoTime();
        assertThatThrownBy(() -> HostCommand.run(Duration.ofMillis(300), List.of("sleep", "30")))
                .isInstanceOf(ProviderException.class).hasMessageContaining("did not end within");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThatThrownBy(() -> HostCommand.run(Duration.ofSeconds(5), List.of("/nonexistent/tool")))
                .isInstanceOf(ProviderException.class).hasMessageStartingWith("cannot run /nonexistent/tool");
    }
}
