package org.juju.agents.uniter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.juju.state.codec.YamlCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link RetrySchedule} in a YAML file ({@code retry.yaml} in the unit's directory),
 * written like {@link StateFile}, so that an agent restarted while it waits to retry keeps the
 * schedule: the due times are wall-clock times, a retry due during the restart runs at once, and
 * the attempt count goes on. The file is an aid, not the unit's truth: an unreadable one is
 * logged and read as empty (the errors then get a first retry again).
 */
public final class RetryFile {
    private static final Logger LOG = LoggerFactory.getLogger(RetryFile.class);

    private RetryFile() {
    }

    /** The schedule saved at {@code file}; empty if there is none or it cannot be read. */
    public static RetrySchedule load(Path file) {
        try {
            Map<String, Object> yaml = YamlCodec.parseMap(Files.readString(file), file.toString());
            Map<String, PendingRetry> retries = new TreeMap<>();
            yaml.forEach((key, value) -> {
                Map<?, ?> entry = (Map<?, ?>) value;
                retries.put(key, new PendingRetry((String) entry.get("hook"), ((Number) entry.get("attempt")).intValue(),
                        Instant.parse((String) entry.get("due-at")), Boolean.TRUE.equals(entry.get("fired"))));
            });
            return new RetrySchedule(retries);
        } catch (NoSuchFileException e) {
            return RetrySchedule.EMPTY;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the hook retry schedule {}, starting afresh: {}", file, e.getMessage());
            return RetrySchedule.EMPTY;
        }
    }

    /**
     * Replaces the schedule saved at {@code file}.
     *
     * @throws StateFileException naming the file if it cannot be written
     */
    public static void save(Path file, RetrySchedule schedule) {
        Map<String, Object> yaml = new LinkedHashMap<>();
        schedule.retries().forEach((key, retry) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("hook", retry.hook());
            entry.put("attempt", retry.attempt());
            entry.put("due-at", retry.dueAt().toString());
            entry.put("fired", retry.fired());
            yaml.put(key, entry);
        });
        StateFile.write(file, yaml);
    }
}
