package org.juju.agents.simulated;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Provider;
import org.juju.provider.ProviderFactory;

/**
 * Creates {@code simulated} providers. A simulated environment exists only in the JVM that
 * created it ({@link SimulatedEnvironment}): {@link #create(Map, Path)} registers a new provider
 * under a {@value #SIMULATION_KEY} of its configuration, and {@link #create(EnvironmentConfig)} (what
 * the provisioning agent calls with the environment's agent configuration) returns the provider
 * registered under the configuration's key. Thread-safe.
 */
public final class SimulatedProviderFactory implements ProviderFactory {
    /** The configuration key naming the simulation in this JVM. */
    public static final String SIMULATION_KEY = "simulation";
    private static final Map<String, SimulatedProvider> RUNNING = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong(1);

    @Override
    public String type() {
        return "simulated";
    }

    /**
     * The provider registered under the configuration's {@value #SIMULATION_KEY}.
     *
     * @throws org.juju.state.error.InvalidInputException naming the key if it is missing or names no
     *                                                    simulation of this JVM
     */
    @Override
    public Provider create(EnvironmentConfig config) {
        String simulation = config.requireString(SIMULATION_KEY);
        SimulatedProvider provider = RUNNING.get(simulation);
        if (provider == null) {
            throw config.problem(SIMULATION_KEY, "a simulated environment runs only inside the JVM that started it"
                    + " (SimulatedEnvironment); no simulation '" + simulation + "' here, for key");
        }
        return provider;
    }

    /**
     * A new provider of the environment of {@code keys} (its {@code name} and optional
     * {@code admin-secret}, {@code default-series}) working in {@code root}, registered in this JVM.
     */
    static SimulatedProvider create(Map<String, Object> keys, Path root) {
        String simulation = "sim-" + ProcessHandle.current().pid() + "-" + NEXT.getAndIncrement();
        Map<String, Object> attributes = new LinkedHashMap<>(keys);
        attributes.put("type", "simulated");
        attributes.put(SIMULATION_KEY, simulation);
        String name = String.valueOf(keys.getOrDefault("name", "simulated"));
        SimulatedProvider provider = new SimulatedProvider(new EnvironmentConfig(name, "simulated", attributes,
                Path.of("environments.yaml")), root);
        RUNNING.put(simulation, provider);
        return provider;
    }

    /** Forgets a destroyed provider. */
    static void forget(SimulatedProvider provider) {
        RUNNING.values().remove(provider);
    }
}
