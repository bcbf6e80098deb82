package org.juju.agents.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.juju.state.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsSectionTest {
    private static final String BEFORE = "# Benchmarks\n\nHand-written text.\n\n";
    private static final String AFTER = "\n\n## Later section\n\nMore text, untouched.\n";

    @Test
    void replacesOnlyTheTextBetweenTheMarkers() {
        String document = BEFORE + DocsSection.START + "\nold figures\n" + DocsSection.END + AFTER;
        String replaced = DocsSection.replace(document, "| new | table |\n");
        assertThat(replaced).isEqualTo(BEFORE + DocsSection.START + "\n| new | table |\n" + DocsSection.END + AFTER);
    }

    @Test
    void replacingTwiceGivesTheSameDocument() {
        String document = BEFORE + DocsSection.START + "\n" + DocsSection.END + AFTER;
        String once = DocsSection.replace(document, "figures");
        assertThat(DocsSection.replace(once, "figures")).isEqualTo(once);
    }

    @Test
    void appendsTheSectionWhenTheMarkersAreMissing() {
        String appended = DocsSection.replace(BEFORE.strip() + "\n", "figures");
        assertThat(appended).isEqualTo(BEFORE + DocsSection.START + "\nfigures\n" + DocsSection.END + "\n");
        assertThat(DocsSection.replace(appended, "figures")).isEqualTo(appended);
    }

    @Test
    void refusesMarkersOutOfOrderOrAlone() {
        assertThatThrownBy(() -> DocsSection.replace(DocsSection.END + "\n" + DocsSection.START, "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("once");
        assertThatThrownBy(() -> DocsSection.replace("text " + DocsSection.START, "x"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void updatesAFileInPlaceAndCreatesAMissingOne(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, BEFORE + DocsSection.START + "\n" + DocsSection.END + AFTER);
        DocsSection.update(doc, "figures");
        assertThat(Files.readString(doc)).isEqualTo(BEFORE + DocsSection.START + "\nfigures\n" + DocsSection.END + AFTER);
        assertThat(dir.toFile().list()).containsExactly("benchmarks.md");

        Path fresh = dir.resolve("fresh.md");
        DocsSection.update(fresh, "figures");
        assertThat(Files.readString(fresh)).isEqualTo(DocsSection.START + "\nfigures\n" + DocsSection.END + "\n");
    }
}
