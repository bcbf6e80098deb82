package org.juju.agents.uniter;

import java.nio.file.Path;
import org.juju.state.error.ErrorCode;
import org.juju.state.error.JujuException;

/**
 * The unit agent's state file cannot be read or written. The message names the file; a corrupt
 * file is reported, never replaced by a fresh state (that would re-run install on a running unit).
 */
public class StateFileException extends JujuException {
    private static final long serialVersionUID = 1L;

    public StateFileException(Path file, String problem, Throwable cause) {
        super(ErrorCode.INTERNAL, "unit state file " + file + ": " + problem, cause);
    }
}
