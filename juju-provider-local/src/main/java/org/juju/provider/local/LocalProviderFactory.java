package org.juju.provider.local;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Provider;
import org.juju.provider.ProviderFactory;
import org.juju.state.error.InvalidInputException;

/** Creates {@link LocalProvider}s: environments of {@code type: local}. */
public final class LocalProviderFactory implements ProviderFactory {
    /** The provider type served. */
    public static final String TYPE = "local";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Validates {@code config} (see {@link LocalConfig#from}) and creates the provider.
     *
     * @throws InvalidInputException naming the environment and the key at fault
     */
    @Override
    public Provider create(EnvironmentConfig config) {
        return new LocalProvider(config, LocalConfig.from(config), new ZooKeeperProcess(),
                ZooKeeperProcess.DEFAULT_TIMEOUT);
    }

    /**
     * {@code type: local}, {@code data-dir: <JUJU_HOME>/data/<name>} (JUJU_HOME is {@code $JUJU_HOME}
     * or {@code ~/.juju}), a fresh 32-hex-digit {@code admin-secret}, {@code default-series: bookworm}
     * and {@code container: process}.
     *
     * @throws InvalidInputException if the environment name cannot name a directory
     */
    @Override
    public Map<String, Object> sampleConfig(String environmentName) {
        return sampleConfig(environmentName, System.getenv("JUJU_HOME"), System.getProperty("user.home"));
    }

    /** {@link #sampleConfig(String)} with the environment variable and home directory given. */
    static Map<String, Object> sampleConfig(String environmentName, String jujuHomeVariable, String userHome) {
        if (environmentName.isEmpty() || environmentName.equals(".") || environmentName.equals("..")
                || environmentName.contains("/") || environmentName.contains("\\")
                || environmentName.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("environment name '" + environmentName.replaceAll("\\p{Cntrl}", "?")
                    + "' cannot name a data directory");
        }
        Path jujuHome = jujuHomeVariable == null || jujuHomeVariable.isBlank()
                ? Path.of(userHome, ".juju") : Path.of(jujuHomeVariable);
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("type", TYPE);
        sample.put(LocalConfig.DATA_DIR, jujuHome.resolve("data").resolve(environmentName)
                .toAbsolutePath().normalize().toString());
        sample.put(LocalConfig.ADMIN_SECRET, HexFormat.of().formatHex(secret));
        sample.put(LocalConfig.DEFAULT_SERIES, LocalConfig.DEFAULT_SERIES_VALUE);
        sample.put(LocalConfig.CONTAINER, (whyNotContainers().isEmpty() ? ContainerKind.LXC : ContainerKind.PROCESS)
                .configValue());
        return sample;
    }

    /**
     * Why a new local environment on this host gets process machines rather than LXC containers
     * (not root, no LXC tools, no overlayfs, no apt-cacher-ng), or empty if it gets containers.
     */
    public static Optional<String> whyNotContainers() {
        Optional<String> lxc = org.juju.provider.local.lxc.LxcHost.whyNot();
        if (lxc.isPresent()) {
            return lxc;
        }
        AptCache.Availability apt = AptCache.available();
        return apt.available() ? Optional.empty() : Optional.of(apt.reason());
    }
}
