package org.juju.provider;

import java.util.ServiceLoader;
import java.util.TreeSet;
import org.juju.state.error.InvalidInputException;

/** Finds the {@link ProviderFactory} for an environment's type. */
public final class Providers {
    private Providers() {
    }

    /**
     * The factory for {@code type}.
     *
     * @throws InvalidInputException naming the unknown type and the known ones
     */
    public static ProviderFactory factory(String type) {
        TreeSet<String> known = new TreeSet<>();
        for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class)) {
            if (factory.type().equals(type)) {
                return factory;
            }
            known.add(factory.type());
        }
        throw new InvalidInputException("unknown provider type '" + type + "' (known: " + String.join(", ", known) + ")");
    }

    /** Creates the provider of {@code config}, validating it. */
    public static Provider create(EnvironmentConfig config) {
        return factory(config.type()).create(config);
    }
}
