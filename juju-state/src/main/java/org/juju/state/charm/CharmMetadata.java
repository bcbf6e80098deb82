package org.juju.state.charm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.CharmException;
import org.juju.state.error.InvalidInputException;

/**
 * What a charm's metadata.yaml says about it.
 *
 * <p>{@code relations} always holds the implicit {@link RelationSpec#JUJU_INFO} provider first
 * (the constructor adds it when it is missing), then the declared relations in file order:
 * provides, requires, peers. Rules enforced by the constructor: relation names are unique;
 * relation names may not be reserved ({@code juju}, {@code juju-*}); interface names may not be
 * reserved for provides and peers (a requirer may use a {@code juju-*} interface, which is how a
 * subordinate attaches to any principal through {@code juju-info}); a subordinate charm has at
 * least one requires relation with container scope.
 *
 * @param name        the charm name
 * @param summary     one-line summary
 * @param description longer description
 * @param subordinate whether units are deployed inside the container of a principal unit
 * @param relations   all relation endpoints, the implicit one included
 * @throws CharmException naming the offending key when a rule is broken
 */
public record CharmMetadata(String name, String summary, String description, boolean subordinate,
                            List<RelationSpec> relations) {
    /** The hooks of a unit's own life, which every charm can have, in the order they are listed. */
    public static final List<String> UNIT_HOOKS = List.of("install", "config-changed", "start", "upgrade-charm", "stop");

    public CharmMetadata {
        if (!CharmUrl.isValidName(name)) {
            throw new CharmException("key 'name': invalid charm name '" + name + "': use lower-case letters,"
                    + " digits and hyphens, starting with a letter (a part after a hyphen may not be only digits)");
        }
        if (summary == null || description == null) {
            throw new CharmException("charm '" + name + "': summary and description are required");
        }
        List<RelationSpec> all = new ArrayList<>();
        all.add(RelationSpec.JUJU_INFO);
        Map<String, RelationSpec> seen = new HashMap<>();
        seen.put(RelationSpec.JUJU_INFO.name(), RelationSpec.JUJU_INFO);
        for (RelationSpec spec : List.copyOf(relations)) {
            if (spec.isImplicit()) {
                continue;
            }
            checkRelation(spec, seen.get(spec.name()));
            seen.put(spec.name(), spec);
            all.add(spec);
        }
        if (subordinate && all.stream().noneMatch(r -> r.role() == Role.REQUIRER && r.scope() == Scope.CONTAINER)) {
            throw new CharmException("key 'subordinate': a subordinate charm needs at least one requires"
                    + " relation with scope: container");
        }
        relations = List.copyOf(all);
    }

    private static void checkRelation(RelationSpec spec, RelationSpec clash) {
        String key = "key '" + spec.role().yamlKey() + "." + spec.name() + "': ";
        if (RelationSpec.isReserved(spec.name())) {
            throw new CharmException(key + reservedName(spec.name()));
        }
        if (spec.role() != Role.REQUIRER && RelationSpec.isReserved(spec.interfaceName())) {
            throw new CharmException(key + "interface '" + spec.interfaceName() + "' is reserved"
                    + " (interfaces 'juju' and 'juju-*' can only be required)");
        }
        if (clash != null) {
            throw new CharmException(key + "relation name '" + spec.name() + "' is already used under '"
                    + clash.role().yamlKey() + "'");
        }
    }

    static String reservedName(String relationName) {
        return "relation name '" + relationName + "' is reserved (names 'juju' and 'juju-*' belong to juju)";
    }

    /**
     * Parses the text of a metadata.yaml.
     *
     * @param source the file name, used in messages
     * @return the metadata and the warnings (unknown keys); warnings are also logged
     * @throws CharmException naming {@code source}, the key and the problem
     */
    public static Parsed<CharmMetadata> parse(String text, String source) {
        try {
            return parse(YamlCodec.parseMap(text, source), source);
        } catch (InvalidInputException e) {
            throw new CharmException(e.getMessage(), e);
        }
    }

    /** Like {@link #parse(String, String)}, from an already parsed YAML mapping. */
    public static Parsed<CharmMetadata> parse(Map<String, Object> data, String source) {
        return MetadataParser.parse(data, source);
    }

    /**
     * Reads back the form written by {@link #toMap()} (stored in ZooKeeper).
     *
     * @throws CharmException when the data is not valid metadata
     */
    public static CharmMetadata fromMap(Map<String, Object> data) {
        return parse(data, "stored charm metadata").value();
    }

    /**
     * The metadata as plain YAML data: the metadata.yaml mapping with every relation in the long
     * form ({@code interface}, {@code limit} (null when unlimited), {@code optional}, {@code scope}).
     * The implicit juju-info relation is left out. {@link #fromMap(Map)} gives back an equal value.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("summary", summary);
        map.put("description", description);
        map.put("subordinate", subordinate);
        for (Role role : Role.values()) {
            Map<String, Object> byName = new LinkedHashMap<>();
            for (RelationSpec spec : declaredRelations()) {
                if (spec.role() == role) {
                    Map<String, Object> form = new LinkedHashMap<>();
                    form.put("interface", spec.interfaceName());
                    form.put("limit", spec.limit() == 0 ? null : spec.limit());
                    form.put("optional", spec.optional());
                    form.put("scope", spec.scope().text());
                    byName.put(spec.name(), form);
                }
            }
            if (!byName.isEmpty()) {
                map.put(role.yamlKey(), byName);
            }
        }
        return map;
    }

    /** The relation named {@code relationName}, the implicit juju-info included. */
    public Optional<RelationSpec> relation(String relationName) {
        return relations.stream().filter(r -> r.name().equals(relationName)).findFirst();
    }

    /** The relations of one role, in declaration order (juju-info first among providers). */
    public List<RelationSpec> relationsByRole(Role role) {
        return relations.stream().filter(r -> r.role() == role).toList();
    }

    /**
     * The names of the hooks a unit of this charm can be sent, whether or not the charm has a file
     * for them: {@code install}, {@code config-changed}, {@code start}, {@code upgrade-charm},
     * {@code stop}, then {@code -relation-joined}, {@code -changed}, {@code -departed} and
     * {@code -broken} of each relation (juju-info included), in declaration order.
     */
    public List<String> hookNames() {
        List<String> names = new ArrayList<>(UNIT_HOOKS);
        for (RelationSpec relation : relations) {
            for (String kind : List.of("joined", "changed", "departed", "broken")) {
                names.add(relation.name() + "-relation-" + kind);
            }
        }
        return List.copyOf(names);
    }

    /** The relations declared in metadata.yaml, without the implicit juju-info. */
    public List<RelationSpec> declaredRelations() {
        return relations.stream().filter(r -> !r.isImplicit()).toList();
    }
}
