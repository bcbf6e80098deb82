package org.juju.state;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.juju.state.model.UnitName;

/**
 * A {@code juju debug-hooks} request of one unit: the hooks its agent hands to a debugging session
 * instead of running them, or every hook when {@link #hooks()} is empty. Stored in the unit's
 * {@code debug-hooks} node as {@code {hooks: [install, db-relation-changed]}} ({@code {hooks: []}}
 * for every hook).
 *
 * <p>Also the names the client and the unit agent agree on: the tmux session of a unit
 * ({@link #sessionName}) and the tmux server's socket in the unit's directory ({@link #TMUX_SOCKET}).
 *
 * @param hooks the hook names, without repeats, in the order given; empty for every hook
 */
public record DebugHooks(List<String> hooks) {
    /** The file name of the tmux server's socket in the unit's directory. */
    public static final String TMUX_SOCKET = "tmux.socket";

    public DebugHooks {
        hooks = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(hooks, "hooks")));
    }

    /** A request for every hook. */
    public static DebugHooks all() {
        return new DebugHooks(List.of());
    }

    /** True when every hook is to be debugged. */
    public boolean isAll() {
        return hooks.isEmpty();
    }

    /** True if the hook named {@code hookName} ({@code install}, {@code db-relation-joined}) is to be debugged. */
    public boolean matches(String hookName) {
        return hooks.isEmpty() || hooks.contains(hookName);
    }

    /** The tmux session that debugs the hooks of {@code unit}: {@code juju-debug-mysql-0}. */
    public static String sessionName(UnitName unit) {
        return "juju-debug-" + unit.key();
    }

    /** The znode data form. */
    Map<String, Object> toMap() {
        return Map.of("hooks", new ArrayList<>(hooks));
    }

    /** The request stored in {@code node}, a unit's {@code debug-hooks} node as read (see {@link #fromMap}). */
    public static DebugHooks fromNode(org.juju.state.store.Node node) {
        return fromMap(node.data());
    }

    /** Reads the znode data form; anything but a list of names reads as no names (every hook). */
    static DebugHooks fromMap(Map<String, Object> data) {
        List<String> names = new ArrayList<>();
        if (data.get("hooks") instanceof List<?> list) {
            list.forEach(item -> names.add(String.valueOf(item)));
        }
        return new DebugHooks(names);
    }

    @Override
    public String toString() {
        return isAll() ? "all hooks" : String.join(", ", hooks);
    }
}
