package org.juju.state.charm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.juju.state.error.CharmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a metadata.yaml mapping into {@link CharmMetadata}, collecting warnings. */
final class MetadataParser {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataParser.class);
    private static final Set<String> KNOWN = Set.of("name", "summary", "description", "subordinate",
            "provides", "requires", "peers");
    /** Keys newer or older charms carry that this version does not use; ignored silently. */
    private static final Set<String> IGNORED = Set.of("maintainer", "categories", "tags", "series", "format",
            "min-juju-version", "terms", "extra-bindings", "storage", "resources", "deployment");
    private static final Set<String> RELATION_KEYS = Set.of("interface", "limit", "optional", "scope");

    private final String source;
    private final List<String> warnings = new ArrayList<>();

    private MetadataParser(String source) {
        this.source = source;
    }

    static Parsed<CharmMetadata> parse(Map<String, Object> data, String source) {
        return new MetadataParser(source).run(data);
    }

    private Parsed<CharmMetadata> run(Map<String, Object> data) {
        for (String key : data.keySet()) {
            if (key.equals("revision")) {
                warn("key 'revision' is obsolete: the revision belongs in the 'revision' file");
            } else if (!KNOWN.contains(key) && !IGNORED.contains(key)) {
                warn("unknown key '" + key + "' ignored");
            }
        }
        String name = YamlFields.string(required(data, "name"), source, "name");
        String summary = YamlFields.string(required(data, "summary"), source, "summary");
        String description = YamlFields.string(required(data, "description"), source, "description");
        boolean subordinate = data.get("subordinate") != null
                && YamlFields.bool(data.get("subordinate"), source, "subordinate");
        List<RelationSpec> relations = new ArrayList<>();
        for (Role role : Role.values()) {
            Map<String, Object> declared = YamlFields.mapping(data.get(role.yamlKey()), source, role.yamlKey(),
                    "a mapping of relation names to interfaces");
            declared.forEach((relation, form) -> relations.add(relation(role, relation, form)));
        }
        try {
            return new Parsed<>(new CharmMetadata(name, summary, description, subordinate, relations), warnings);
        } catch (CharmException e) {
            throw new CharmException(source + ": " + e.getMessage(), e);
        }
    }

    private Object required(Map<String, Object> data, String key) {
        if (!data.containsKey(key)) {
            throw new CharmException(source + ": missing required key '" + key + "'");
        }
        return data.get(key);
    }

    private RelationSpec relation(Role role, String relation, Object form) {
        String key = role.yamlKey() + "." + relation;
        if (RelationSpec.isReserved(relation)) {
            throw new CharmException(source + ": key '" + key + "': " + CharmMetadata.reservedName(relation));
        }
        int defaultLimit = role == Role.PROVIDER ? 0 : 1;
        if (form instanceof String interfaceName) {
            return spec(key, relation, interfaceName, role, defaultLimit, false, Scope.GLOBAL);
        }
        if (!(form instanceof Map)) {
            throw YamlFields.wrongType(source, key, "an interface name or a mapping", form);
        }
        Map<String, Object> fields = YamlFields.mapping(form, source, key, "a mapping");
        for (String field : fields.keySet()) {
            if (!RELATION_KEYS.contains(field)) {
                warn("key '" + key + "." + field + "': unknown key ignored");
            }
        }
        if (!fields.containsKey("interface")) {
            throw new CharmException(source + ": key '" + key + "': missing required key 'interface'");
        }
        String interfaceName = YamlFields.string(fields.get("interface"), source, key + ".interface");
        Object limitValue = fields.get("limit");
        int limit = limitValue == null && !fields.containsKey("limit") ? defaultLimit
                : limitValue == null ? 0 : YamlFields.integer(limitValue, source, key + ".limit");
        if (limit < 0) {
            throw new CharmException(source + ": key '" + key + ".limit': " + limit
                    + " is negative (leave it out or write null for no limit)");
        }
        boolean optional = fields.get("optional") != null
                && YamlFields.bool(fields.get("optional"), source, key + ".optional");
        Scope scope = Scope.GLOBAL;
        if (fields.get("scope") != null) {
            String text = YamlFields.string(fields.get("scope"), source, key + ".scope");
            scope = Scope.fromText(text).orElseThrow(() -> new CharmException(source + ": key '" + key
                    + ".scope': expected global or container, found '" + text + "'"));
        }
        return spec(key, relation, interfaceName, role, limit, optional, scope);
    }

    private RelationSpec spec(String key, String relation, String interfaceName, Role role, int limit,
                              boolean optional, Scope scope) {
        try {
            return new RelationSpec(relation, interfaceName, role, limit, optional, scope);
        } catch (CharmException e) {
            throw new CharmException(source + ": key '" + key + "': " + e.getMessage(), e);
        }
    }

    private void warn(String problem) {
        String warning = source + ": " + problem;
        LOG.warn("{}", warning);
        warnings.add(warning);
    }
}
