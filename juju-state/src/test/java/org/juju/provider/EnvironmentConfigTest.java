package org.juju.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentConfigTest {
    @Test
    void itsTextNamesTheKeysButShowsNoValue() {
        EnvironmentConfig config = new EnvironmentConfig("aws", "ec2", Map.of("secret-key", "very-secret",
                "admin-secret", "also-secret"), Path.of("environments.yaml"));

        assertThat(config.toString()).contains("aws", "ec2", "secret-key", "admin-secret")
                .doesNotContain("very-secret").doesNotContain("also-secret");
    }
}
