package org.juju.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HostLimitsTest {
    private static final OptionalLong UNKNOWN = OptionalLong.empty();

    @Test
    void theKernelDefaultsHoldAThousandUnitsButNotFiveThousand() {
        HostLimits defaults = new HostLimits(OptionalLong.of(32_768), OptionalLong.of(192_731), OptionalLong.of(65_530),
                OptionalLong.of(1_048_576));

        assertThat(defaults.problem(1_000)).isEmpty();
        assertThat(defaults.problem(5_000)).hasValue("5,000 simulated units need about 35500 threads, more than"
                + " kernel.pid_max = 32768 allows here; raise it first (as root: sysctl -w kernel.pid_max=71000)");
    }

    @Test
    void eachLimitIsCheckedAndNamed() {
        assertThat(new HostLimits(UNKNOWN, OptionalLong.of(10_000), UNKNOWN, UNKNOWN).problem(2_000))
                .hasValueSatisfying(problem -> assertThat(problem).contains("kernel.threads-max = 10000"));
        assertThat(new HostLimits(OptionalLong.of(4_194_304), UNKNOWN, OptionalLong.of(65_530), UNKNOWN).problem(5_000))
                .hasValueSatisfying(problem -> assertThat(problem).contains("76000 memory mappings")
                        .contains("vm.max_map_count = 65530").endsWith("sysctl -w vm.max_map_count=152000)"));
        assertThat(new HostLimits(UNKNOWN, UNKNOWN, UNKNOWN, OptionalLong.of(20_000)).problem(4_000))
                .hasValue("4,000 simulated units need about 25000 open files, more than this process's limit of 20000"
                        + " allows; raise it first (ulimit -n 50000, as root or within the hard limit)");
        assertThat(new HostLimits(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN).problem(100_000)).as("nothing known, nothing refused").isEmpty();
    }

    @Test
    void thisHostsLimitsAreRead() {
        HostLimits host = HostLimits.ofThisHost();
        assertThat(host.problem(1)).as("one unit fits anywhere these files exist").isEmpty();
        assertThat(host.problem(Integer.MAX_VALUE / HostLimits.THREADS_PER_UNIT)).as("an absurd N is refused here")
                .isPresent();
    }
}
