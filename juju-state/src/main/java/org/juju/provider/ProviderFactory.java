package org.juju.provider;

/**
 * Creates providers of one type. Implementations are found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/org.juju.provider.ProviderFactory} entry in each provider module).
 */
public interface ProviderFactory {
    /** The {@code type:} value of environments.yaml this factory serves, e.g. {@code local}. */
    String type();

    /**
     * Validates {@code config} and creates the provider.
     *
     * @throws org.juju.state.error.InvalidInputException naming the environment and the key at fault
     */
    Provider create(EnvironmentConfig config);

    /**
     * The keys a new environment of this type is written with when {@code juju bootstrap} finds no
     * environments.yaml (values are plain YAML data; secrets generated here).
     */
    default java.util.Map<String, Object> sampleConfig(String environmentName) {
        return java.util.Map.of("type", type());
    }
}
