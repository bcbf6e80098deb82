package org.juju.agents.unit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the hooks of the charm a unit runner finds in its unit directory. */
final class UnitHooks {
    private UnitHooks() {
    }

    /** Writes {@code charm/hooks/NAME} under {@code unitDir}: a bash script ({@code set -e}) of {@code body}, executable. */
    static void write(Path unitDir, String name, String body) throws IOException {
        Path hook = Files.createDirectories(unitDir.resolve("charm/hooks")).resolve(name);
        Files.writeString(hook, "#!/bin/bash\nset -e\n" + body);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
