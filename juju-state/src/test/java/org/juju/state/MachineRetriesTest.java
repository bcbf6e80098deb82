package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.juju.provider.Instance;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.ConflictException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.MachineId;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code retry-provisioning} requests: recorded by the client, acted on or discarded by the provisioning agent. */
class MachineRetriesTest extends StateTestBase {
    private static final String TIMED_OUT = "machine agent did not start within 120 s";
    private MachineId failed;
    private MachineId healthy;

    @BeforeEach
    void machines() {
        failed = state.machines().add("bookworm");
        state.machines().setInstance(failed, new Instance("i-1", failed, "10.0.0.1", "running"), 42);
        state.machines().setStatus(failed, "error", TIMED_OUT);
        healthy = state.machines().add("bookworm");
        state.machines().setInstance(healthy, new Instance("i-2", healthy, "10.0.0.2", "running"), 42);
        state.machines().setStatus(healthy, "started", null);
    }

    private MachineInfo info(MachineId id) {
        return state.machines().infos().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    private void assertRefusedAndNothingChanged(List<MachineId> ids, Class<? extends RuntimeException> type, String message)
            throws Exception {
        Map<String, String> before = dump();
        assertThatThrownBy(() -> state.machines().retries().request(ids)).isInstanceOf(type).hasMessage(message);
        assertThat(dump()).as("the tree is unchanged").isEqualTo(before);
    }

    @Test
    void aRequestIsRecordedForEachMachineInErrorInOneTransaction() {
        MachineId other = state.machines().add("bookworm");
        state.machines().setStatus(other, "error", "cannot start machine: no capacity");

        state.machines().retries().request(List.of(failed, other, failed));

        assertThat(state.store().exists(StatePaths.machineRetryProvisioning(failed))).isTrue();
        assertThat(state.store().exists(StatePaths.machineRetryProvisioning(other))).isTrue();
        assertThat(info(failed).retryRequested()).isTrue();
        assertThat(info(healthy).retryRequested()).isFalse();
    }

    @Test
    void aMachineNotInErrorFailsTheWholeRequest() throws Exception {
        assertRefusedAndNothingChanged(List.of(failed, healthy), ConflictException.class,
                "machine " + healthy + " is not in error (started)");
        MachineId fresh = state.machines().add("bookworm");
        assertRefusedAndNothingChanged(List.of(fresh), ConflictException.class,
                "machine " + fresh + " is not in error (not started yet)");
    }

    @Test
    void machineZeroUnknownDyingAndPendingMachinesAreRefused() throws Exception {
        assertRefusedAndNothingChanged(List.of(MachineId.BOOTSTRAP), ConflictException.class,
                "machine 0 cannot be retried: bootstrap provisions it; run 'juju bootstrap' to start its agent again");
        assertRefusedAndNothingChanged(List.of(failed, new MachineId(42)), NotFoundException.class, "machine 42 not found");

        state.machines().retries().request(List.of(failed));
        assertRefusedAndNothingChanged(List.of(failed), AlreadyExistsException.class,
                "a retry of machine " + failed + " is already pending");

        MachineId dying = state.machines().add("bookworm");
        state.machines().setStatus(dying, "error", TIMED_OUT);
        state.machines().terminate(List.of(dying));
        assertRefusedAndNothingChanged(List.of(dying), ConflictException.class,
                "machine " + dying + " cannot be retried: it is being terminated");
    }

    @Test
    void resetForgetsInstanceAndErrorConsumesTheRequestAndBumpsTheMachine() {
        state.machines().retries().request(List.of(failed));
        int version = state.store().read(StatePaths.machine(failed)).orElseThrow().version();

        assertThat(state.machines().retries().reset(failed)).isTrue();

        MachineInfo after = info(failed);
        assertThat(after.instance()).as("no instance: to be started again").isEmpty();
        assertThat(after.error()).isEmpty();
        assertThat(after.reported()).as("the launch timeout applies again").isFalse();
        assertThat(after.retryRequested()).as("the request is consumed").isFalse();
        assertThat(after.isFree()).isTrue();
        assertThat(state.store().read(StatePaths.machine(failed)).orElseThrow().version())
                .as("writers that read the machine before the reset fail their compare-and-set").isGreaterThan(version);
        assertThat(state.machines().retries().reset(failed)).as("acted on once").isFalse();
    }

    @Test
    void resetWithoutARequestChangesNothing() throws Exception {
        Map<String, String> before = dump();

        assertThat(state.machines().retries().reset(failed)).isFalse();

        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void resetOfAMachineBeingTerminatedIsRefused() throws Exception {
        state.machines().retries().request(List.of(failed));
        state.machines().terminate(List.of(failed));
        Map<String, String> before = dump();

        assertThatThrownBy(() -> state.machines().retries().reset(failed)).isInstanceOf(ConflictException.class);

        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void discardDeletesOnlyTheRequest() {
        state.machines().retries().request(List.of(failed));
        state.machines().setStatus(failed, "started", null);

        assertThat(state.machines().retries().discard(failed)).isTrue();
        assertThat(state.machines().retries().discard(failed)).isFalse();

        MachineInfo after = info(failed);
        assertThat(after.retryRequested()).isFalse();
        assertThat(after.reported()).isTrue();
        assertThat(after.instance()).isPresent();
    }
}
