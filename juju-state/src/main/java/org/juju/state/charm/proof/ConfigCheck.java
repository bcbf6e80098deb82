package org.juju.state.charm.proof;

import java.util.LinkedHashMap;
import java.util.Map;
import org.juju.state.charm.ConfigOption;
import org.juju.state.charm.ConfigSchema;
import org.juju.state.error.CharmException;

/**
 * config.yaml (optional): YAML, a valid schema as the deploy reads it. Each option is parsed on
 * its own, so every bad option is reported, not only the first.
 *
 * <p>Codes: {@code config-unreadable}, {@code config-unparseable}, {@code config-invalid},
 * {@code config-option-invalid}, {@code config-default-wrong-type} (errors);
 * {@code config-option-no-description}, {@code config-warning} (warnings).
 */
final class ConfigCheck implements ProofCheck {
    static final String FILE = "config.yaml";

    @Override
    public String subject() {
        return "config";
    }

    @Override
    public void run(ProofContext context) {
        Map<String, Object> raw = context.readYaml(FILE, "config").orElse(null);
        if (raw == null) {
            return;
        }
        boolean optionsValid = !(raw.get("options") instanceof Map<?, ?> options) || checkOptions(context, options);
        if (optionsValid) {
            context.parse(FILE, "config", () -> ConfigSchema.parse(raw, FILE));
        }
    }

    /** Parses every option on its own; true when all are valid. */
    private static boolean checkOptions(ProofContext context, Map<?, ?> options) {
        boolean allValid = true;
        for (Map.Entry<?, ?> entry : options.entrySet()) {
            String name = String.valueOf(entry.getKey());
            try {
                ConfigOption option = parseOne(entry.getKey(), entry.getValue());
                if (option.description().isBlank()) {
                    context.warning("config-option-no-description", FILE, "option '" + name
                            + "' has no description (juju get shows it to users)");
                }
            } catch (CharmException e) {
                allValid = false;
                String code = defaultIsTheProblem(entry.getKey(), entry.getValue())
                        ? "config-default-wrong-type" : "config-option-invalid";
                context.error(code, FILE, ProofContext.withoutSource(e.getMessage(), FILE));
            }
        }
        return allValid;
    }

    private static ConfigOption parseOne(Object name, Object definition) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(String.valueOf(name), definition);
        return ConfigSchema.parse(Map.of("options", one), FILE).value().options().get(0);
    }

    /** True when the option has a default and is valid without it. */
    private static boolean defaultIsTheProblem(Object name, Object definition) {
        if (!(definition instanceof Map<?, ?> fields) || fields.get("default") == null) {
            return false;
        }
        Map<Object, Object> withoutDefault = new LinkedHashMap<>(fields);
        withoutDefault.remove("default");
        try {
            parseOne(name, withoutDefault);
            return true;
        } catch (CharmException e) {
            return false;
        }
    }
}
