package org.juju.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.state.error.InvalidInputException;
import org.juju.state.io.FileTrees;
import org.junit.jupiter.api.Test;

class MachineDiskTest {
    @Test
    void parsesItsTwoValuesAndRefusesOthersNamingThem() {
        assertThat(MachineDisk.parse("memory")).isEqualTo(MachineDisk.MEMORY);
        assertThat(MachineDisk.parse("disk")).isEqualTo(MachineDisk.DISK);
        assertThatThrownBy(() -> MachineDisk.parse("ssd")).isInstanceOf(InvalidInputException.class)
                .hasMessage("--machine-disk must be memory or disk, got 'ssd'");
    }

    @Test
    void memoryIsANewEmptyDirectoryOfTheMemoryFileSystemAndDiskNone() throws Exception {
        assertThat(MachineDisk.DISK.directory()).isEmpty();
        Path first = MachineDisk.MEMORY.directory().orElseThrow();
        Path second = MachineDisk.MEMORY.directory().orElseThrow();
        try {
            assertThat(first).isNotEqualTo(second).isEmptyDirectory().hasParent(Path.of(MachineDisk.MEMORY_ROOT));
            assertThat(Files.getFileStore(first).type()).isEqualTo("tmpfs");
        } finally {
            FileTrees.deleteQuietly(first, true);
            FileTrees.deleteQuietly(second, true);
        }
    }

    @Test
    void theOptionIsMemoryUnlessToldAndOnlyDiskIsRepeatedInTheCommandLine() {
        JujuBench.Options defaults = JujuBench.Options.parse(new String[0]);
        assertThat(defaults.machineDisk()).isEqualTo(MachineDisk.MEMORY);
        assertThat(defaults.describe()).doesNotContain("--machine-disk");
        assertThat(JujuBench.Options.parse(new String[] {"--machine-disk", "disk"}).describe())
                .endsWith(" --machine-disk disk");
    }
}
