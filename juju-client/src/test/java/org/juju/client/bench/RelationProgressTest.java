package org.juju.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning unit directories while agents replace their state files (a temporary file renamed into place). */
class RelationProgressTest {
    @TempDir
    Path root;

    @Test
    void filesVanishingDuringTheScanNeverFailIt() throws Exception {
        Path units = Files.createDirectories(root.resolve("machines/1/units"));
        for (int i = 0; i < 20; i++) {
            Files.createDirectories(units.resolve("app-" + i));
        }
        AtomicBoolean churning = new AtomicBoolean(true);
        Thread agents = new Thread(() -> {
            int n = 0;
            while (churning.get()) {
                Path dir = units.resolve("app-" + (n++ % 20));
                try {
                    Path temp = Files.writeString(dir.resolve("state.yaml.tmp"), "x");
                    Files.move(temp, dir.resolve("state.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.deleteIfExists(dir.resolve("state.yaml"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        agents.start();
        try {
            assertThatCode(() -> {
                for (int i = 0; i < 2000; i++) {
                    RelationProgress.scan(root);
                }
            }).doesNotThrowAnyException();
        } finally {
            churning.set(false);
            agents.join();
        }
        assertThat(RelationProgress.scan(root).allDone(List.of(UnitName.parse("app/0")), new RelationId(0), 1))
                .as("no state file: not done").isFalse();
    }
}
