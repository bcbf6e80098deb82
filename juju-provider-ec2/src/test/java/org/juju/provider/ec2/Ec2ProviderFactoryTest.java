package org.juju.provider.ec2;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.ProgressListener;
import org.juju.provider.Providers;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.ProviderException;
import org.junit.jupiter.api.Test;

class Ec2ProviderFactoryTest {
    private static EnvironmentConfig config(Map<String, Object> keys) {
        return new EnvironmentConfig("aws", "ec2", keys, Path.of("environments.yaml"));
    }

    @Test
    void isFoundByTypeAndNamesAMissingRequiredKey() {
        assertThatThrownBy(() -> Providers.create(config(Map.of("type", "ec2", "admin-secret", "x", "default-series", "bookworm"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("environments.yaml: environment 'aws': missing required key 'control-bucket'");
    }

    @Test
    void saysPlainlyThatItCannotBootstrapYet() {
        var provider = Providers.create(config(Map.of("type", "ec2", "control-bucket", "b", "admin-secret", "x",
                "default-series", "bookworm")));

        assertThatThrownBy(provider::stateServer).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> provider.bootstrap(ProgressListener.NONE))
                .isInstanceOf(ProviderException.class).hasMessageContaining("cannot start instances yet");
    }
}
