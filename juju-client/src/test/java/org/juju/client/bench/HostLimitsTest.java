package org.juju.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HostLimitsTest {
    private static final OptionalLong UNKNOWN = OptionalLong.empty();

    @Test
    void theKernelDefaultsHoldFiveThousandUnitsButNotSix() {
        HostLimits defaults = new HostLimits(OptionalLong.of(32_768), OptionalLong.of(192_731), OptionalLong.of(65_530),
                OptionalLong.of(20_000));

        assertThat(defaults.problem(5_000, 10, false)).isEmpty();
        assertThat(defaults.problem(6_000, 10, false)).hasValue("6,000 simulated units need about 33500 threads, more"
                + " than kernel.pid_max = 32768 allows here; raise it first (as root: sysctl -w kernel.pid_max=67000)");
    }

    @Test
    void aServerInTheSameJvmNeedsAFileMorePerSession() {
        HostLimits twentyThousandFiles = new HostLimits(UNKNOWN, UNKNOWN, UNKNOWN, OptionalLong.of(20_000));

        assertThat(twentyThousandFiles.problem(5_000, 10, false)).isEmpty();
        assertThat(twentyThousandFiles.problem(5_000, 10, true)).hasValue("5,000 simulated units need about 23000"
                + " open files, more than this process's limit of 20000 allows; raise it first (ulimit -n 46000, as"
                + " root or within the hard limit), or run ZooKeeper in its own process (--zookeeper process)");
    }

    @Test
    void eachLimitIsCheckedAndNamed() {
        assertThat(new HostLimits(UNKNOWN, OptionalLong.of(10_000), UNKNOWN, UNKNOWN).problem(2_000, 10, false))
                .hasValueSatisfying(problem -> assertThat(problem).contains("kernel.threads-max = 10000"));
        assertThat(new HostLimits(OptionalLong.of(4_194_304), UNKNOWN, OptionalLong.of(65_530), UNKNOWN).problem(6_000, 10, false))
                .hasValueSatisfying(problem -> assertThat(problem).contains("72000 memory mappings")
                        .contains("vm.max_map_count = 65530").endsWith("sysctl -w vm.max_map_count=144000)"));
        assertThat(new HostLimits(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN).problem(100_000, 10, true))
                .as("nothing known, nothing refused").isEmpty();
    }

    @Test
    void machinesCountAsSessionsToo() {
        assertThat(HostLimits.sessionsFor(5_000, 10)).isEqualTo(5_500);
        assertThat(HostLimits.sessionsFor(5, 10)).isEqualTo(6);
        assertThat(HostLimits.sessionsFor(5, 1)).isEqualTo(10);
    }

    @Test
    void thisHostsLimitsAreRead() {
        HostLimits host = HostLimits.ofThisHost();
        assertThat(host.problem(1, 10, true)).as("one unit fits anywhere these files exist").isEmpty();
        assertThat(host.problem(Integer.MAX_VALUE / (2 * HostLimits.THREADS_PER_SESSION), 1, false))
                .as("an absurd N is refused here").isPresent();
    }
}
