package org.juju.state;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.juju.state.store.Node;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;

/**
 * A unit's last agent-state transitions, oldest first, as kept in
 * {@code /services/S/units/U/status-history}: at most {@value #MAX_ENTRIES} entries, each hook
 * name cut to {@value #MAX_HOOK} characters and each message to {@value #MAX_MESSAGE}, so the node
 * stays under 25 KB (ZooKeeper's limit is about 1 MB; the project keeps nodes under 64 KB).
 *
 * @param entries oldest first
 */
public record StatusHistory(List<Entry> entries) {
    /** Entries kept; older ones are dropped. */
    public static final int MAX_ENTRIES = 50;
    /** Characters kept of a message; a longer one ends with "…". */
    public static final int MAX_MESSAGE = 256;
    /** Characters kept of a hook name. */
    public static final int MAX_HOOK = 100;
    /** No entries. */
    public static final StatusHistory EMPTY = new StatusHistory(List.of());

    public StatusHistory {
        entries = List.copyOf(entries);
        if (entries.size() > MAX_ENTRIES) {
            entries = entries.subList(entries.size() - MAX_ENTRIES, entries.size());
        }
    }

    /**
     * One transition.
     *
     * @param time    when, by the writer's clock
     * @param state   the agent-state after it
     * @param hook    the hook that caused it, or null
     * @param message what happened, or null
     */
    public record Entry(Instant time, String state, String hook, String message) {
        public Entry {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(state, "state");
            hook = cut(hook, MAX_HOOK);
            message = cut(message, MAX_MESSAGE);
        }

        Map<String, Object> toMap() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("time", time.toString());
            data.put("state", state);
            data.put("hook", hook);
            data.put("message", message);
            return data;
        }

        private static String cut(String text, int max) {
            if (text == null || text.isEmpty()) {
                return null;
            }
            return text.length() <= max ? text : text.substring(0, max - 1) + "…";
        }
    }

    /** This history with {@code entry} added last, the oldest entry dropped when full. */
    public StatusHistory appended(Entry entry) {
        List<Entry> list = new ArrayList<>(entries);
        list.add(entry);
        return new StatusHistory(list);
    }

    /** The last {@code count} entries, oldest first. */
    public List<Entry> last(int count) {
        return entries.subList(Math.max(0, entries.size() - count), entries.size());
    }

    /** The node's data: {@code {entries: [{time, state, hook, message}]}}. */
    public Map<String, Object> toMap() {
        return Map.of("entries", entries.stream().map(Entry::toMap).toList());
    }

    /** Reads node data leniently: an entry without a readable time or state is skipped. */
    public static StatusHistory fromMap(Map<String, Object> data) {
        List<Entry> entries = new ArrayList<>();
        if (data.get("entries") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && map.get("time") instanceof String time
                        && map.get("state") instanceof String state) {
                    try {
                        entries.add(new Entry(Instant.parse(time), state, text(map.get("hook")), text(map.get("message"))));
                    } catch (DateTimeParseException e) {
                        // not written by us: skipped
                    }
                }
            }
        }
        return new StatusHistory(entries);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /**
     * Adds to {@code tx} the append of an entry for a status write from {@code before} to
     * {@code after}, if the agent-state changes or {@code event} says always: the history is read
     * (one read, only then) and written compare-and-set, or created if an older unit has none.
     */
    static void record(StateStore store, Transaction tx, UnitName unit, Map<String, Object> before,
                       Map<String, Object> after, StatusEvent event) {
        if (recorded(before, after, event)) {
            String path = StatePaths.unitStatusHistory(unit);
            append(tx, path, store.read(path), after, event);
        }
    }

    /** Whether a status write from {@code before} to {@code after} adds an entry: the agent-state changes, or {@code event} says always. */
    static boolean recorded(Map<String, Object> before, Map<String, Object> after, StatusEvent event) {
        Object state = after.get("agent-state");
        boolean changed = !Objects.equals(before.get("agent-state"), state);
        return state != null && (changed || event != null && event.always());
    }

    /**
     * Adds to {@code tx} the append of the entry for a status written as {@code after} to the history
     * {@code node} at {@code path} as read (compare-and-set; created when empty), and returns the
     * history's new data.
     */
    static Map<String, Object> append(Transaction tx, String path, Optional<Node> node, Map<String, Object> after,
                                      StatusEvent event) {
        Instant time = event == null ? Instant.now() : event.time();
        String hook = event == null ? null : event.hook();
        Object message = event != null && event.message() != null ? event.message() : after.get("message");
        StatusHistory history = node.map(n -> fromMap(n.data())).orElse(EMPTY);
        Map<String, Object> data = history.appended(new Entry(time, String.valueOf(after.get("agent-state")), hook,
                text(message))).toMap();
        tx.put(path, node, data);
        return data;
    }
}
