package org.juju.provider.ec2;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.juju.state.error.InvalidInputException;

/**
 * What a machine must have, as the original's constraints: {@code arch} (amd64 or arm64),
 * {@code cpu} (at least this many cores), {@code mem} (at least this much memory, in megabytes; the
 * text accepts {@code M} and {@code G} suffixes), {@code instance-type} (exactly this type) and
 * {@code ec2-zone} (the availability zone, a letter such as {@code a}, or a full name).
 */
public record Constraints(String arch, int cpu, int memMegabytes, Optional<String> instanceType, Optional<String> zone) {
    /** What machines get when nothing is said: amd64, one core, 2 GB (machines run JVMs). */
    public static final Constraints DEFAULT = new Constraints("amd64", 1, 2048, Optional.empty(), Optional.empty());

    public Constraints {
        if (!arch.equals("amd64") && !arch.equals("arm64")) {
            throw new InvalidInputException("invalid constraint arch=" + arch + ": expected amd64 or arm64");
        }
        if (cpu < 1 || memMegabytes < 1) {
            throw new InvalidInputException("invalid constraints: cpu and mem must be positive");
        }
    }

    /**
     * Parses {@code key=value} pairs separated by spaces over {@code base}: keys not given keep the
     * base's values.
     *
     * @throws InvalidInputException naming the pair at fault
     */
    public static Constraints parse(String text, Constraints base) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int equals = word.indexOf('=');
            if (equals <= 0 || equals == word.length() - 1) {
                throw new InvalidInputException("invalid constraint '" + word + "': expected KEY=VALUE");
            }
            String key = word.substring(0, equals);
            if (pairs.put(key, word.substring(equals + 1)) != null) {
                throw new InvalidInputException("constraint '" + key + "' given twice");
            }
        }
        String arch = base.arch;
        int cpu = base.cpu;
        int mem = base.memMegabytes;
        Optional<String> type = base.instanceType;
        Optional<String> zone = base.zone;
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            String value = pair.getValue();
            switch (pair.getKey()) {
                case "arch" -> arch = value.toLowerCase(Locale.ROOT);
                case "cpu" -> cpu = wholeNumber("cpu", value);
                case "mem" -> mem = megabytes(value);
                case "instance-type" -> type = Optional.of(value);
                case "ec2-zone" -> zone = Optional.of(value);
                default -> throw new InvalidInputException("unknown constraint '" + pair.getKey()
                        + "' (known: arch, cpu, mem, instance-type, ec2-zone)");
            }
        }
        return new Constraints(arch, cpu, mem, type, zone);
    }

    /** The availability zone in {@code region}: a bare letter becomes {@code region + letter}. */
    public Optional<String> zoneIn(String region) {
        return zone.map(z -> z.matches("[a-z]") ? region + z : z);
    }

    private static int wholeNumber(String key, String value) {
        if (!value.matches("[1-9]\\d{0,4}")) {
            throw new InvalidInputException("invalid constraint " + key + "=" + value + ": expected a whole number");
        }
        return Integer.parseInt(value);
    }

    private static int megabytes(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!upper.matches("\\d{1,7}(\\.\\d{1,3})?[MG]?")) {
            throw new InvalidInputException("invalid constraint mem=" + value + ": expected megabytes, e.g. 512M or 4G");
        }
        double factor = upper.endsWith("G") ? 1024 : 1;
        String number = upper.replaceAll("[MG]$", "");
        long megabytes = Math.round(Double.parseDouble(number) * factor);
        if (megabytes < 1 || megabytes > 10_000_000) {
            throw new InvalidInputException("invalid constraint mem=" + value + ": out of range");
        }
        return (int) megabytes;
    }
}
