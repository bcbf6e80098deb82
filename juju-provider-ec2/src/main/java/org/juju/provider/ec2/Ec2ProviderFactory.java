package org.juju.provider.ec2;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Provider;
import org.juju.provider.ProviderFactory;

/**
 * The {@code ec2} provider type: validates the configuration ({@link Ec2Config}) and creates an
 * {@link Ec2Provider} whose machines get the client's own jars as their agent distribution.
 */
public final class Ec2ProviderFactory implements ProviderFactory {
    /** How often bootstrap and destroy poll instance states. */
    static final Duration POLL = Duration.ofSeconds(2);

    @Override
    public String type() {
        return "ec2";
    }

    @Override
    public Provider create(EnvironmentConfig config) {
        return new Ec2Provider(config, Ec2Config.of(config), RetrySettings.DEFAULT,
                () -> AgentDistribution.fromClasspath(System.getProperty("java.class.path")), POLL);
    }

    @Override
    public Map<String, Object> sampleConfig(String environmentName) {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("type", type());
        sample.put("control-bucket", "juju-" + environmentName + "-" + Long.toHexString(new java.security.SecureRandom().nextLong()));
        sample.put("admin-secret", Long.toHexString(new java.security.SecureRandom().nextLong()));
        sample.put("default-series", "bookworm");
        sample.put("region", Ec2Config.DEFAULT_REGION);
        return sample;
    }
}
