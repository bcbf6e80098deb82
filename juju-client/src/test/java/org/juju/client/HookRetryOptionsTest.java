package org.juju.client;

import org.junit.jupiter.api.Test;

/** {@code bootstrap} checks the hook retry options of environments.yaml before it starts anything. */
class HookRetryOptionsTest extends ClientTestBase {
    @Test
    void bootstrapRefusesAHookRetrySwitchThatIsNotABoolean() throws Exception {
        environmentWith("hook-retry: maybe");
        assertRefused(juju.run("bootstrap"), 2, "expected true or false, found");
        assertRefused(juju.run("bootstrap"), 2, "'hook-retry'");
    }

    @Test
    void bootstrapRefusesAFirstDelayThatIsNotAPositiveWholeNumberOfSeconds() throws Exception {
        environmentWith("hook-retry: true, hook-retry-delay: 0");
        assertRefused(juju.run("bootstrap"), 2, "expected a whole number of seconds, got '0', for key 'hook-retry-delay'");
        environmentWith("hook-retry-delay: 1.5");
        assertRefused(juju.run("bootstrap"), 2, "got '1.5', for key 'hook-retry-delay'");
    }
}
