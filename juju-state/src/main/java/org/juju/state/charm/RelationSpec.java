package org.juju.state.charm;

import java.util.regex.Pattern;
import org.juju.state.error.CharmException;

/**
 * One relation endpoint a charm declares in metadata.yaml.
 *
 * @param name          the relation name, unique within the charm (also the hook prefix, e.g.
 *                      {@code db} for {@code db-relation-joined})
 * @param interfaceName the interface; two endpoints can be related when their interfaces are equal
 *                      and their roles are counterparts
 * @param role          provider, requirer or peer
 * @param limit         the most relations this endpoint may take part in; 0 means unlimited
 * @param optional      whether the charm works without this relation
 * @param scope         global or container
 * @throws CharmException when a name is not well formed or the limit is negative
 */
public record RelationSpec(String name, String interfaceName, Role role, int limit, boolean optional, Scope scope) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*([_-][a-z0-9]+)*");

    /** How a relation or interface name must look, for error messages. */
    public static final String NAME_RULE = "use lower-case letters and digits, starting with a letter,"
            + " words separated by '-' or '_'";

    /** The {@code juju-info} relation every charm provides implicitly. */
    public static final RelationSpec JUJU_INFO =
            new RelationSpec("juju-info", "juju-info", Role.PROVIDER, 0, false, Scope.GLOBAL);

    public RelationSpec {
        if (!isValidName(name)) {
            throw new CharmException("invalid relation name '" + name + "': " + NAME_RULE);
        }
        if (!isValidName(interfaceName)) {
            throw new CharmException("invalid interface name '" + interfaceName + "' for relation '" + name
                    + "': " + NAME_RULE);
        }
        if (role == null || scope == null) {
            throw new CharmException("relation '" + name + "' needs a role and a scope");
        }
        if (limit < 0) {
            throw new CharmException("relation '" + name + "': limit " + limit + " is negative");
        }
    }

    /** True when {@code text} is a well-formed relation or interface name. */
    public static boolean isValidName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    /** True when {@code text} is reserved for juju itself: {@code juju} or anything starting {@code juju-}. */
    public static boolean isReserved(String text) {
        return text != null && (text.equals("juju") || text.startsWith("juju-"));
    }

    /** True for the implicit {@code juju-info} provider every charm has. */
    public boolean isImplicit() {
        return equals(JUJU_INFO);
    }
}
