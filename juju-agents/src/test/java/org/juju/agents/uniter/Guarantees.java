package org.juju.agents.uniter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * Checks, hook by hook, the guarantees documented to charm authors, from the hooks a charm saw
 * (succeeded, or skipped by {@code juju resolved}), independently of the resolver's code. A skipped
 * hook counts as delivered for membership (the unit carries on as if it had run) but never ran, so
 * it is not itself an ordering event between two hooks that did run.
 */
final class Guarantees {
    private final List<Hook> seen = new ArrayList<>();
    private final Map<RelationId, Set<UnitName>> joined = new HashMap<>();
    private final Map<RelationId, UnitName> owedChanged = new HashMap<>();
    private final Set<RelationId> broken = new HashSet<>();
    private boolean installed;
    private boolean configured;
    private boolean started;
    private boolean stopped;
    private boolean configOwedAfterUpgrade;
    private Hook current;
    private boolean currentRan;

    void ran(Hook hook) {
        delivered(hook, true);
    }

    void skipped(Hook hook) {
        delivered(hook, false);
    }

    List<Hook> seen() {
        return List.copyOf(seen);
    }

    private void delivered(Hook hook, boolean ran) {
        current = hook;
        currentRan = ran;
        check(!stopped, "nothing after stop");
        if (hook.kind().isRelation()) {
            check(!(ran && configOwedAfterUpgrade), "config-changed right after upgrade-charm");
            relationHook(hook);
        } else {
            unitHook(hook);
        }
        if (ran) {
            seen.add(hook);
        }
    }

    private void unitHook(Hook hook) {
        switch (hook.kind()) {
            case INSTALL -> {
                check(!installed && seen.isEmpty(), "install first and once");
                installed = true;
            }
            case CONFIG_CHANGED -> {
                configured = true;
                configOwedAfterUpgrade = false;
            }
            case START -> {
                check(configured, "start after the first config-changed");
                check(!started, "start once");
                started = true;
            }
            case UPGRADE_CHARM -> configOwedAfterUpgrade = true;
            case STOP -> {
                check(broken.containsAll(joined.keySet()), "stop only once every relation is broken");
                stopped = true;
            }
            default -> check(false, "a unit hook");
        }
        check(installed, "install before anything");
    }

    private void relationHook(Hook hook) {
        check(started, "no relation hook before start");
        RelationId id = hook.relation();
        check(!broken.contains(id), "nothing after broken");
        Set<UnitName> members = joined.computeIfAbsent(id, k -> new HashSet<>());
        UnitName owed = owedChanged.remove(id);
        check(owed == null || (hook.kind() == HookKind.RELATION_CHANGED && owed.equals(hook.remoteUnit())),
                "changed for " + owed + " right after its joined");
        switch (hook.kind()) {
            case RELATION_JOINED -> {
                check(members.add(hook.remoteUnit()), "joined once");
                owedChanged.put(id, hook.remoteUnit());
            }
            case RELATION_CHANGED -> check(members.contains(hook.remoteUnit()), "changed only after joined");
            case RELATION_DEPARTED -> check(members.remove(hook.remoteUnit()), "departed only after joined");
            default -> {
                check(members.isEmpty(), "broken only after departed for every member " + members);
                broken.add(id);
            }
        }
    }

    private void check(boolean ok, String rule) {
        if (!ok) {
            throw new AssertionError("guarantee broken: " + rule + "; " + (currentRan ? "ran " : "skipped ")
                    + current + " after " + seen);
        }
    }
}
