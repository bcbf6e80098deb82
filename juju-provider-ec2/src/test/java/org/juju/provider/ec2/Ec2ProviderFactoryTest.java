package org.juju.provider.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Providers;
import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class Ec2ProviderFactoryTest {
    private static EnvironmentConfig config(Map<String, Object> keys) {
        return new EnvironmentConfig("aws", "ec2", keys, Path.of("environments.yaml"));
    }

    private static Map<String, Object> valid() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("type", "ec2");
        keys.put("control-bucket", "juju-aws-0123");
        keys.put("admin-secret", "s3cret");
        keys.put("default-series", "bookworm");
        keys.put("authorized-keys", "ssh-ed25519 AAAA test");
        return keys;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> keys = valid();
        keys.put(key, value);
        return keys;
    }

    @Test
    void theAgentsCopyWithoutAdminSecretIsAccepted() {
        Map<String, Object> keys = valid();
        keys.remove("admin-secret");
        assertThat(Ec2Config.of(config(keys)).controlBucket()).isEqualTo("juju-aws-0123");
    }

    @Test
    void isFoundByTypeAndNamesAMissingRequiredKey() {
        Map<String, Object> keys = valid();
        keys.remove("control-bucket");
        assertThatThrownBy(() -> Providers.create(config(keys)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("environments.yaml: environment 'aws': missing required key 'control-bucket'");
    }

    @Test
    void validConfigurationGivesTheOriginalDefaults() {
        Ec2Config ec2 = Ec2Config.of(config(valid()));

        assertThat(ec2.region()).isEqualTo("us-east-1");
        assertThat(ec2.accessKey()).isEmpty();
        assertThat(ec2.zooKeeperPort()).isEqualTo(2181);
        assertThat(ec2.zooKeeperTlsPort()).isEqualTo(2281);
        assertThat(ec2.environmentGroup()).isEqualTo("juju-aws");
        assertThat(ec2.machineGroup("3")).isEqualTo("juju-aws-3");
        assertThat(InstanceTypes.cheapest(ec2.constraints())).isEqualTo("t3.small");
    }

    @Test
    void badValuesAreOneLineErrorsNamingTheKey() {
        assertThatThrownBy(() -> Ec2Config.of(config(with("control-bucket", "Bad_Bucket"))))
                .hasMessageContaining("invalid S3 bucket name 'Bad_Bucket'").hasMessageEndingWith("'control-bucket'");
        assertThatThrownBy(() -> Ec2Config.of(config(with("access-key", "AKIA1"))))
                .hasMessageContaining("access-key and secret-key go together").hasMessageEndingWith("'secret-key'");
        assertThatThrownBy(() -> Ec2Config.of(config(with("region", "mars-north-1"))))
                .hasMessageContaining("unknown region 'mars-north-1'");
        assertThatThrownBy(() -> Ec2Config.of(config(with("ec2-uri", "ftp://x"))))
                .hasMessageContaining("expected an http:// or https:// URL").hasMessageEndingWith("'ec2-uri'");
        assertThatThrownBy(() -> Ec2Config.of(config(with("constraints", "mem=lots"))))
                .hasMessageContaining("invalid constraint mem=lots").hasMessageEndingWith("'constraints'");
        assertThatThrownBy(() -> Ec2Config.of(config(with("constraints", "gpu=1"))))
                .hasMessageContaining("unknown constraint 'gpu'");
        assertThatThrownBy(() -> Ec2Config.of(config(with("zookeeper-tls-port", "70000"))))
                .hasMessageContaining("expected a port").hasMessageEndingWith("'zookeeper-tls-port'");
    }

    @Test
    void anyRegionIsAcceptedForAPrivateCloud() {
        Map<String, Object> keys = with("ec2-uri", "http://127.0.0.1:9999");
        keys.put("region", "private-1");
        assertThat(Ec2Config.of(config(keys)).region()).isEqualTo("private-1");
    }

    @Test
    void theSecretKeyNeverShowsInItsText() {
        Map<String, Object> keys = with("access-key", "AKIAVISIBLE");
        keys.put("secret-key", "hidden-secret-value");
        assertThat(Ec2Config.of(config(keys)).toString()).contains("AKIAVISIBLE").doesNotContain("hidden-secret-value");
    }

    @Test
    void sampleConfigurationIsValid() {
        Map<String, Object> sample = new LinkedHashMap<>(Providers.factory("ec2").sampleConfig("aws"));
        assertThat(Ec2Config.of(config(sample)).controlBucket()).startsWith("juju-aws-");
    }
}
