package org.juju.provider.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
    private static String cheapest(String constraints) {
        return InstanceTypes.cheapest(Constraints.parse(constraints, Constraints.DEFAULT));
    }

    @Test
    void theCheapestTypeThatSatisfiesTheConstraintsIsChosen() {
        assertThat(cheapest("")).isEqualTo("t3.small");
        assertThat(cheapest("mem=512M")).isEqualTo("t3.micro");
        assertThat(cheapest("mem=4G")).isEqualTo("t3.medium");
        assertThat(cheapest("cpu=4 mem=8G")).isEqualTo("t3.xlarge");
        assertThat(cheapest("cpu=8")).isEqualTo("c6i.2xlarge");
        assertThat(cheapest("arch=arm64 mem=1G")).isEqualTo("t4g.micro");
        assertThat(cheapest("instance-type=p4d.24xlarge cpu=2")).isEqualTo("p4d.24xlarge");
    }

    @Test
    void aZoneLetterIsQualifiedWithTheRegion() {
        assertThat(Constraints.parse("ec2-zone=b", Constraints.DEFAULT).zoneIn("eu-west-1")).contains("eu-west-1b");
        assertThat(Constraints.parse("ec2-zone=us-east-1c", Constraints.DEFAULT).zoneIn("us-east-1")).contains("us-east-1c");
    }

    @Test
    void impossibleOrMalformedConstraintsAreRefused() {
        assertThatThrownBy(() -> cheapest("cpu=512")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no known instance type has 512 cores");
        assertThatThrownBy(() -> cheapest("arch=sparc")).hasMessageContaining("expected amd64 or arm64");
        assertThatThrownBy(() -> cheapest("cpu")).hasMessageContaining("expected KEY=VALUE");
        assertThatThrownBy(() -> cheapest("cpu=2 cpu=4")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> cheapest("cpu=0")).hasMessageContaining("expected a whole number");
    }
}
