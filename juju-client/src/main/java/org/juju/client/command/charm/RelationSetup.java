package org.juju.client.command.charm;

import java.util.ArrayList;
import java.util.List;
import org.juju.agents.charmkit.HookName;
import org.juju.state.error.InvalidInputException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * The relation a relation hook of {@code juju charm run-hook} runs in, from its options, checked
 * against the hook: the relation the hook's name implies, its id, its remote units before the hook
 * runs, and the remote unit the hook is for.
 *
 * @param name       the relation's name on the charm's side ({@code kv})
 * @param id         its id ({@code kv:0} is id 0)
 * @param members    the remote units in the relation before the hook runs: those of {@code --members},
 *                   plus the remote unit of a {@code -changed} or {@code -departed} hook (a
 *                   {@code -joined} hook's unit joins as it runs)
 * @param remoteUnit {@code JUJU_REMOTE_UNIT}; null for {@code -broken}
 */
record RelationSetup(String name, RelationId id, List<String> members, String remoteUnit) {
    RelationSetup {
        members = List.copyOf(members);
    }

    /**
     * Checks the relation options against a relation hook.
     *
     * @param relation   {@code --relation NAME[:ID]}, or null for the hook's relation with id 0
     * @param members    {@code --members}
     * @param remoteUnit {@code --remote-unit}, or null for the first of {@code members}
     * @throws InvalidInputException naming the option at fault
     */
    static RelationSetup of(HookName hook, UnitName unit, String relation, List<String> members, String remoteUnit) {
        RelationId id = relationId(hook, relation);
        for (String member : members) {
            checkRemote("--members", member, unit);
        }
        if (hook.kind().equals("broken")) {
            return new RelationSetup(hook.relationName(), id, members, null);
        }
        String remote = remoteUnit != null ? remoteUnit : members.isEmpty() ? null : members.get(0);
        if (remote == null) {
            throw new InvalidInputException(hook.name() + " needs a remote unit: give --remote-unit SERVICE/N or --members");
        }
        checkRemote("--remote-unit", remote, unit);
        List<String> before = new ArrayList<>(members);
        if (!hook.kind().equals("joined") && !before.contains(remote)) {
            before.add(remote);
        }
        return new RelationSetup(hook.relationName(), id, before, remote);
    }

    /** The relation as hooks see it: {@code kv:0}. */
    String hookId() {
        return id.hookId(name);
    }

    private static RelationId relationId(HookName hook, String relation) {
        if (relation == null) {
            return new RelationId(0);
        }
        int colon = relation.indexOf(':');
        String name = colon < 0 ? relation : relation.substring(0, colon);
        if (!name.equals(hook.relationName())) {
            throw new InvalidInputException("--relation " + relation + " does not match hook " + hook.name()
                    + " (a hook of relation " + hook.relationName() + ")");
        }
        try {
            return colon < 0 ? new RelationId(0) : RelationId.parse(relation);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--relation: " + e.getMessage(), e);
        }
    }

    private static void checkRemote(String option, String text, UnitName unit) {
        UnitName remote;
        try {
            remote = UnitName.parse(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(option + ": " + e.getMessage(), e);
        }
        if (remote.equals(unit)) {
            throw new InvalidInputException(option + " " + text + " is the unit itself, not a remote unit");
        }
    }
}
