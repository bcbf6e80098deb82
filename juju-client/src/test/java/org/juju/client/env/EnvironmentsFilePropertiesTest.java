package org.juju.client.env;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.JujuException;
import org.juju.state.testing.CleanOutcome;
import org.juju.state.testing.Properties;
import org.juju.state.testing.YamlGenerators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * environments.yaml of any content reads, and each environment it names is selected, or the user
 * gets one line naming the file (reading) or the environment (selecting): never a stack trace.
 */
class EnvironmentsFilePropertiesTest {
    private static final List<String> KEYS = List.of("environments", "default", "type", "sample", "local",
            "admin-secret", "control-bucket", "default-series", "data-dir", "region", "zookeeper-port",
            "access-key", "secret-key", "ec2", "dummy");
    @TempDir
    Path dir;

    @Test
    void anyTextReadsOrIsRefusedNamingTheFile() {
        Properties.forAll("any text reads or is refused naming the file", 500, YamlGenerators.yamlishText(),
                text -> check(Files.write(dir.resolve("environments.yaml"), text.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void anyShapeReadsOrIsRefusedNamingTheFile() {
        Properties.forAll("any shape reads or is refused naming the file", 1000, YamlGenerators.shapedMaps(KEYS),
                data -> check(Files.writeString(dir.resolve("environments.yaml"), YamlCodec.dump(data))));
    }

    private static void check(Path file) {
        CleanOutcome.of(() -> EnvironmentsFile.read(file), InvalidInputException.class, "environments.yaml")
                .ifPresent(envs -> {
                    CleanOutcome.of(() -> envs.select(null, null), JujuException.class, null);
                    for (String name : envs.names()) {
                        CleanOutcome.of(() -> envs.select(name, null), JujuException.class, null);
                    }
                });
    }
}
