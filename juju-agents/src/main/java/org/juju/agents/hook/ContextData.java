package org.juju.agents.hook;

import java.util.List;
import java.util.Map;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;

/**
 * What a hook may read about its unit, supplied by the agent (from the state tree) or by
 * {@link InMemoryContextData}. A {@link HookContext} reads each item at most once per hook and
 * caches it, so implementations need not cache; they read fresh data on every call.
 *
 * <p>Threading: one context calls its data from one thread at a time, but different contexts may
 * call the same instance concurrently, so implementations must be thread-safe.
 *
 * <p>Failure modes: methods throw {@link org.juju.state.error.NotFoundException} for an entity that
 * does not exist, as documented per method, and may throw any other
 * {@link org.juju.state.error.JujuException} (e.g. state unavailable); the failing tool then exits 1
 * with the exception's message. Returned collections are not modified by callers.
 */
public interface ContextData {
    /** The unit the hook runs for. */
    UnitName unit();

    /**
     * The service's configuration with the charm's defaults merged in: option name to a
     * {@link String}, {@link Long}, {@link Double}, {@link Boolean} or {@code null} (no value and no
     * default), in the charm's option order.
     */
    Map<String, Object> config();

    /**
     * An address of the unit's machine.
     *
     * @param key {@code private-address} or {@code public-address}
     * @return the address, or {@code null} if not known (yet)
     */
    String unitAddress(String key);

    /** The unit's relations: id to the relation's name on this unit's side ({@code db}). */
    Map<RelationId, String> relations();

    /**
     * The remote units of a relation (peers other than this unit, for a peer relation). For the
     * relation of the running hook this is the membership snapshot queued with the hook's change,
     * so it agrees with {@code JUJU_REMOTE_UNIT}; for others, the current membership.
     *
     * @throws org.juju.state.error.NotFoundException if the unit is not in that relation
     */
    List<UnitName> relationMembers(RelationId relation);

    /**
     * The settings a unit (this one included) published in a relation.
     *
     * @throws org.juju.state.error.NotFoundException if that unit has no settings in that relation
     */
    Map<String, String> relationSettings(RelationId relation, UnitName unit);
}
