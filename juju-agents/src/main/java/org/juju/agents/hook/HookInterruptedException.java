package org.juju.agents.hook;

import org.juju.state.error.ErrorCode;
import org.juju.state.error.JujuException;

/** A hook run was interrupted (the agent is stopping): its processes were killed, its changes dropped. */
public class HookInterruptedException extends JujuException {
    private static final long serialVersionUID = 1L;

    public HookInterruptedException(String message) {
        super(ErrorCode.HOOK_FAILED, message);
    }
}
