package org.juju.agents.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.juju.state.error.InvalidInputException;

/**
 * The distribution of a list of samples, in milliseconds. Percentiles use the nearest-rank
 * method: p99 of 100 samples is the 99th smallest, of 10 samples the largest.
 *
 * @param count number of samples (at least one)
 */
public record Percentiles(int count, double min, double p50, double p90, double p99, double max, double mean) {

    /** The distribution of {@code millis}; one-line error when it is empty. */
    public static Percentiles ofMillis(Collection<? extends Number> millis) {
        if (millis.isEmpty()) {
            throw new InvalidInputException("no samples to compute percentiles from");
        }
        double[] sorted = millis.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Percentiles(sorted.length, sorted[0], rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[sorted.length - 1], sum / sorted.length);
    }

    /** The distribution of {@code durations}, converted to milliseconds with nanosecond precision. */
    public static Percentiles ofDurations(Collection<Duration> durations) {
        return ofMillis(durations.stream().map(d -> d.toNanos() / 1_000_000.0).toList());
    }

    private static double rank(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** Plain data for JSON: count, min, p50, p90, p99, max, mean. */
    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("count", count);
        data.put("min", min);
        data.put("p50", p50);
        data.put("p90", p90);
        data.put("p99", p99);
        data.put("max", max);
        data.put("mean", mean);
        return data;
    }
}
