package org.juju.state.charm.proof;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.charm.RelationSpec;
import org.juju.state.charm.Role;

/**
 * metadata.yaml: present, YAML, valid as the deploy reads it. Problems the deploy stops at first
 * (summary, description, relation names) are reported one by one, and the rest of the file is then
 * validated without them, so one run shows them all.
 *
 * <p>Codes: {@code metadata-missing}, {@code metadata-unreadable}, {@code metadata-unparseable},
 * {@code metadata-invalid}, {@code summary-missing}, {@code description-missing} (errors: the
 * deploy refuses them); {@code summary-empty}, {@code description-empty},
 * {@code metadata-warning} (what the parser warns about); {@code relation-name-reserved},
 * {@code relation-name-invalid} (errors).
 */
final class MetadataCheck implements ProofCheck {
    static final String FILE = "metadata.yaml";
    private static final String PLACEHOLDER = "-";

    @Override
    public String subject() {
        return "metadata";
    }

    @Override
    public void run(ProofContext context) {
        if (!Files.exists(context.file(FILE))) {
            context.error("metadata-missing", FILE, "missing: not a charm (a deploy refuses it)");
            return;
        }
        Map<String, Object> raw = context.readYaml(FILE, "metadata").orElse(null);
        if (raw == null) {
            return;
        }
        context.rawMetadata(raw);
        Map<String, Object> checked = new LinkedHashMap<>(raw);
        for (String key : List.of("summary", "description")) {
            checkText(context, raw, checked, key);
        }
        for (Role role : Role.values()) {
            if (raw.get(role.yamlKey()) instanceof Map<?, ?> declared) {
                checked.put(role.yamlKey(), validRelations(context, role, declared));
            }
        }
        context.parse(FILE, "metadata", () -> CharmMetadata.parse(checked, FILE)).ifPresent(context::metadata);
    }

    /** Reports a missing or blank summary or description, and puts a placeholder in its place. */
    private static void checkText(ProofContext context, Map<String, Object> raw, Map<String, Object> checked,
                                  String key) {
        Object value = raw.get(key);
        if (value == null) {
            context.error(key + "-missing", FILE, "key '" + key + "' is missing (a deploy refuses the charm)");
            checked.put(key, PLACEHOLDER);
        } else if (value instanceof String textValue && textValue.isBlank()) {
            context.warning(key + "-empty", FILE, "key '" + key + "' is empty");
        }
    }

    /** The declared relations whose names are allowed; the others are reported. */
    private static Map<Object, Object> validRelations(ProofContext context, Role role, Map<?, ?> declared) {
        Map<Object, Object> valid = new LinkedHashMap<>();
        declared.forEach((key, form) -> {
            String name = String.valueOf(key);
            String where = "key '" + role.yamlKey() + "." + name + "': ";
            if (RelationSpec.isReserved(name)) {
                context.error("relation-name-reserved", FILE, where + "relation names 'juju' and 'juju-*' are"
                        + " reserved for juju itself; rename the relation (and its hooks)");
            } else if (!RelationSpec.isValidName(name)) {
                context.error("relation-name-invalid", FILE, where + "invalid relation name: " + RelationSpec.NAME_RULE);
            } else {
                valid.put(key, form);
            }
        });
        return valid;
    }
}
