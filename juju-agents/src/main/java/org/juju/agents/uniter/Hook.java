package org.juju.agents.uniter;

import java.util.Objects;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * One hook execution chosen by {@link Resolver#next}. A hook carries everything its success needs
 * to be recorded in {@link LocalState}, so a hook persisted as the in-flight operation can be
 * applied after a crash ({@code juju resolved} without retry) without the snapshot it was chosen
 * from.
 *
 * @param kind         which hook
 * @param relation     the relation, for relation hooks; null for unit hooks
 * @param relationName the relation's name on this unit's side, for relation hooks; null otherwise
 * @param remoteUnit   the remote unit, for joined, changed and departed; null for broken and unit
 *                     hooks
 * @param version      for config-changed the service config node version delivered; for joined and
 *                     changed the remote unit's settings node version delivered; 0 otherwise
 * @param charmUrl     for install and upgrade-charm the charm being deployed; null otherwise
 */
public record Hook(HookKind kind, RelationId relation, String relationName, UnitName remoteUnit,
                   int version, String charmUrl) {

    public Hook {
        Objects.requireNonNull(kind, "kind");
        if (kind.isRelation() != (relation != null) || kind.isRelation() != (relationName != null)) {
            throw new IllegalArgumentException(kind + ": a relation and its name are required for relation"
                    + " hooks and forbidden for unit hooks");
        }
        if (relationName != null && relationName.isEmpty()) {
            throw new IllegalArgumentException(kind + ": empty relation name");
        }
        if (kind.hasRemoteUnit() != (remoteUnit != null)) {
            throw new IllegalArgumentException(kind + ": a remote unit is required for joined, changed and"
                    + " departed and forbidden otherwise");
        }
        boolean versioned = kind == HookKind.CONFIG_CHANGED || kind == HookKind.RELATION_JOINED
                || kind == HookKind.RELATION_CHANGED;
        if (version < 0 || (!versioned && version != 0)) {
            throw new IllegalArgumentException(kind + ": invalid version " + version);
        }
        boolean deploys = kind == HookKind.INSTALL || kind == HookKind.UPGRADE_CHARM;
        if (deploys != (charmUrl != null) || (charmUrl != null && charmUrl.isBlank())) {
            throw new IllegalArgumentException(kind + ": a charm URL is required for install and"
                    + " upgrade-charm and forbidden otherwise");
        }
    }

    public static Hook install(String charmUrl) {
        return new Hook(HookKind.INSTALL, null, null, null, 0, charmUrl);
    }

    public static Hook configChanged(int configVersion) {
        return new Hook(HookKind.CONFIG_CHANGED, null, null, null, configVersion, null);
    }

    public static Hook start() {
        return new Hook(HookKind.START, null, null, null, 0, null);
    }

    public static Hook upgradeCharm(String charmUrl) {
        return new Hook(HookKind.UPGRADE_CHARM, null, null, null, 0, charmUrl);
    }

    public static Hook stop() {
        return new Hook(HookKind.STOP, null, null, null, 0, null);
    }

    public static Hook joined(RelationId relation, String name, UnitName unit, int version) {
        return new Hook(HookKind.RELATION_JOINED, relation, name, unit, version, null);
    }

    public static Hook changed(RelationId relation, String name, UnitName unit, int version) {
        return new Hook(HookKind.RELATION_CHANGED, relation, name, unit, version, null);
    }

    public static Hook departed(RelationId relation, String name, UnitName unit) {
        return new Hook(HookKind.RELATION_DEPARTED, relation, name, unit, 0, null);
    }

    public static Hook broken(RelationId relation, String name) {
        return new Hook(HookKind.RELATION_BROKEN, relation, name, null, 0, null);
    }

    /** The hook's file name: {@code install}, {@code db-relation-changed}. */
    public String hookName() {
        return kind.hookName(relationName);
    }

    /** A one-line description for logs: {@code db-relation-changed db:3 mysql/0 v2}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(hookName());
        if (relation != null) {
            text.append(' ').append(relation.hookId(relationName));
        }
        if (remoteUnit != null) {
            text.append(' ').append(remoteUnit);
        }
        if (kind == HookKind.CONFIG_CHANGED || kind == HookKind.RELATION_JOINED
                || kind == HookKind.RELATION_CHANGED) {
            text.append(" v").append(version);
        }
        if (charmUrl != null) {
            text.append(' ').append(charmUrl);
        }
        return text.toString();
    }
}
