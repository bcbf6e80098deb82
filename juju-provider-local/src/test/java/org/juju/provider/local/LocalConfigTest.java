package org.juju.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Providers;
import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class LocalConfigTest {
    private static final LocalProviderFactory FACTORY = new LocalProviderFactory();

    private static EnvironmentConfig config(Map<String, Object> attributes) {
        return new EnvironmentConfig("local", "local", attributes, Path.of("/home/u/.juju/environments.yaml"));
    }

    private static Map<String, Object> valid() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("data-dir", "/srv/juju/local");
        attributes.put("admin-secret", "s3cret");
        return attributes;
    }

    @Test
    void defaultsApply() {
        LocalConfig local = LocalConfig.from(config(valid()));

        assertThat(local).isEqualTo(new LocalConfig(Path.of("/srv/juju/local"), "s3cret", "bookworm",
                ContainerKind.PROCESS, "127.0.0.1", 0, 1));
    }

    @Test
    void everyKeyIsRead() {
        Map<String, Object> attributes = valid();
        attributes.put("default-series", "trixie");
        attributes.put("container", "lxc");
        attributes.put("zookeeper-host", "127.0.0.2");
        attributes.put("zookeeper-port", 2181);
        attributes.put("spare-machines", 0);

        LocalConfig local = LocalConfig.from(config(attributes));

        assertThat(local).isEqualTo(new LocalConfig(Path.of("/srv/juju/local"), "s3cret", "trixie",
                ContainerKind.LXC, "127.0.0.2", 2181, 0));
    }

    @Test
    void dataDirMayStartWithTilde() {
        Map<String, Object> attributes = valid();
        attributes.put("data-dir", "~/juju-data");

        assertThat(LocalConfig.from(config(attributes)).dataDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), "juju-data"));
    }

    @Test
    void missingDataDirIsNamed() {
        Map<String, Object> attributes = valid();
        attributes.remove("data-dir");

        assertThatThrownBy(() -> FACTORY.create(config(attributes)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("environments.yaml: environment 'local': missing required key 'data-dir'");
    }

    @Test
    void theAgentsCopyOfTheConfigurationHasNoAdminSecret() {
        Map<String, Object> attributes = valid();
        attributes.remove("admin-secret");

        assertThat(LocalConfig.from(config(attributes)).adminSecret()).isEmpty();
    }

    @Test
    void zooKeeperServersAreAnOddNumberUpToSeven() {
        Map<String, Object> attributes = valid();
        attributes.put("zookeeper-servers", 3);

        LocalConfig local = LocalConfig.from(config(attributes));

        assertThat(local.zooKeeperServers()).isEqualTo(3);
        assertThat(local.ensemble()).isTrue();
        assertThat(LocalConfig.from(config(valid())).ensemble()).as("one server by default").isFalse();
        for (Object bad : new Object[] {0, 2, 4, 9, "three"}) {
            attributes.put("zookeeper-servers", bad);

            assertThatThrownBy(() -> FACTORY.create(config(attributes))).as("%s", bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("environments.yaml: environment 'local': invalid value '" + bad
                            + "' for key 'zookeeper-servers' (expected 1, 3, 5 or 7)");
        }
    }

    @Test
    void anEnsembleChoosesItsOwnPorts() {
        Map<String, Object> attributes = valid();
        attributes.put("zookeeper-servers", 5);
        attributes.put("zookeeper-port", 2181);

        assertThatThrownBy(() -> FACTORY.create(config(attributes)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("environments.yaml: environment 'local': zookeeper-port applies to a single server;"
                        + " leave it out with zookeeper-servers: 5");
    }

    @Test
    void spareMachinesOutOfRangeAreNamed() {
        for (Object bad : new Object[] {-1, 9, "many"}) {
            Map<String, Object> attributes = valid();
            attributes.put("spare-machines", bad);

            assertThatThrownBy(() -> FACTORY.create(config(attributes)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("environments.yaml: environment 'local': invalid value '" + bad
                            + "' for key 'spare-machines' (expected a number 0-8)");
        }
    }

    @Test
    void unknownContainerIsNamed() {
        Map<String, Object> attributes = valid();
        attributes.put("container", "foo");

        assertThatThrownBy(() -> FACTORY.create(config(attributes)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("environments.yaml: environment 'local': invalid value 'foo' for key 'container'"
                        + " (expected process or lxc)");
    }

    @Test
    void badPortIsNamed() {
        Map<String, Object> attributes = valid();
        attributes.put("zookeeper-port", 70000);

        assertThatThrownBy(() -> FACTORY.create(config(attributes)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("environments.yaml: environment 'local': invalid value '70000' for key 'zookeeper-port'"
                        + " (expected a port number 0-65535)");
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(LocalConfig.from(config(valid())).toString()).doesNotContain("s3cret").contains("/srv/juju/local");
    }

    @Test
    void factoryIsFoundByType() {
        assertThat(Providers.factory("local")).isInstanceOf(LocalProviderFactory.class);
        assertThat(Providers.create(config(valid()))).isInstanceOf(LocalProvider.class);
    }

    @Test
    void sampleConfigLivesUnderJujuHome() {
        Map<String, Object> sample = LocalProviderFactory.sampleConfig("dev", "/opt/juju-home", "/home/u");

        assertThat(sample).containsOnlyKeys("type", "data-dir", "admin-secret", "default-series", "container");
        assertThat(sample).containsEntry("type", "local")
                .containsEntry("data-dir", "/opt/juju-home/data/dev")
                .containsEntry("default-series", "bookworm")
                .containsEntry("container", LocalProviderFactory.whyNotContainers().isEmpty() ? "lxc" : "process");
        assertThat((String) sample.get("admin-secret")).matches("[0-9a-f]{32}");
        assertThat(LocalProviderFactory.sampleConfig("dev", "/opt/juju-home", "/home/u").get("admin-secret"))
                .isNotEqualTo(sample.get("admin-secret"));
    }

    @Test
    void sampleConfigDefaultsToDotJuju() {
        assertThat(LocalProviderFactory.sampleConfig("dev", null, "/home/u"))
                .containsEntry("data-dir", "/home/u/.juju/data/dev");
    }

    @Test
    void sampleConfigIsValid() {
        Map<String, Object> sample = FACTORY.sampleConfig("dev");

        LocalConfig local = LocalConfig.from(new EnvironmentConfig("dev", "local", sample, Path.of("environments.yaml")));

        assertThat(local.dataDir().toString()).endsWith("/data/dev");
    }

    @Test
    void sampleConfigRefusesNamesThatAreNotDirectoryNames() {
        assertThatThrownBy(() -> LocalProviderFactory.sampleConfig("../x", null, "/home/u"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("environment name '../x' cannot name a data directory");
    }
}
