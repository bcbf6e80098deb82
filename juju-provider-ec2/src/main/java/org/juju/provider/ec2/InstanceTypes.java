package org.juju.provider.ec2;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.juju.state.error.InvalidInputException;

/**
 * The built-in table of instance types the provider chooses from, with their on-demand Linux price
 * in us-east-1 (USD per hour, used only to order them). {@link #cheapest} picks the cheapest type
 * that satisfies a machine's constraints, as the original did.
 */
public final class InstanceTypes {
    /** One row of the table. */
    public record InstanceType(String name, String arch, int cpus, int memMegabytes, double dollarsPerHour) {
    }

    /** Every type the provider knows; an {@code instance-type} constraint may still name any other. */
    public static final List<InstanceType> ALL = List.of(
            new InstanceType("t3.micro", "amd64", 2, 1024, 0.0104),
            new InstanceType("t3.small", "amd64", 2, 2048, 0.0208),
            new InstanceType("t3.medium", "amd64", 2, 4096, 0.0416),
            new InstanceType("t3.large", "amd64", 2, 8192, 0.0832),
            new InstanceType("t3.xlarge", "amd64", 4, 16384, 0.1664),
            new InstanceType("c6i.large", "amd64", 2, 4096, 0.085),
            new InstanceType("c6i.xlarge", "amd64", 4, 8192, 0.17),
            new InstanceType("c6i.2xlarge", "amd64", 8, 16384, 0.34),
            new InstanceType("m6i.large", "amd64", 2, 8192, 0.096),
            new InstanceType("m6i.xlarge", "amd64", 4, 16384, 0.192),
            new InstanceType("m6i.2xlarge", "amd64", 8, 32768, 0.384),
            new InstanceType("m6i.4xlarge", "amd64", 16, 65536, 0.768),
            new InstanceType("r6i.large", "amd64", 2, 16384, 0.126),
            new InstanceType("r6i.xlarge", "amd64", 4, 32768, 0.252),
            new InstanceType("t4g.micro", "arm64", 2, 1024, 0.0084),
            new InstanceType("t4g.small", "arm64", 2, 2048, 0.0168),
            new InstanceType("t4g.medium", "arm64", 2, 4096, 0.0336),
            new InstanceType("m6g.large", "arm64", 2, 8192, 0.077),
            new InstanceType("m6g.xlarge", "arm64", 4, 16384, 0.154),
            new InstanceType("c6g.xlarge", "arm64", 4, 8192, 0.136));

    private InstanceTypes() {
    }

    /**
     * The cheapest known type with at least the constraints' cores and memory on their
     * architecture, or the constraints' {@code instance-type} when one is given.
     *
     * @throws InvalidInputException if no known type is big enough
     */
    public static String cheapest(Constraints constraints) {
        if (constraints.instanceType().isPresent()) {
            return constraints.instanceType().get();
        }
        Optional<InstanceType> best = ALL.stream()
                .filter(type -> type.arch().equals(constraints.arch()))
                .filter(type -> type.cpus() >= constraints.cpu() && type.memMegabytes() >= constraints.memMegabytes())
                .min(Comparator.comparingDouble(InstanceType::dollarsPerHour));
        return best.map(InstanceType::name).orElseThrow(() -> new InvalidInputException("no known instance type has "
                + constraints.cpu() + " cores and " + constraints.memMegabytes() + " MB on " + constraints.arch()
                + ": give instance-type=NAME"));
    }

    /** The architecture of a known type, if known. */
    public static Optional<String> archOf(String name) {
        return ALL.stream().filter(type -> type.name().equals(name)).map(InstanceType::arch).findFirst();
    }
}
