package org.juju.provider.ec2.testcloud;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the test cloud brings its instances to life. Called on a separate executor thread, never on the request thread.
 *
 * <p>{@link #boot} is called once per instance after RunInstances has answered; the instance stays {@code pending}
 * until it returns and is then {@code running} with the returned addresses. If it throws, the instance becomes
 * {@code terminated} with a state reason carrying the exception message. {@link #terminate} is called once for each
 * instance TerminateInstances shuts down; the instance is {@code shutting-down} until it returns (or throws), then
 * {@code terminated}. A terminate may arrive while {@code boot} is still running for the same instance.
 */
public interface InstanceBoot {
    /**
     * The instance's private address, decided when RunInstances creates it (as on EC2, whose
     * RunInstances answer already carries it); called on the request thread, before {@link #boot}.
     */
    String privateAddress(LaunchedInstance instance);

    /**
     * Boots the instance (for example, runs its user data) and returns its addresses; a {@code null}
     * private address keeps the one {@link #privateAddress} gave.
     */
    InstanceAddresses boot(LaunchedInstance instance) throws Exception;

    /** Stops whatever {@link #boot} started for the instance. */
    void terminate(String instanceId) throws Exception;

    /** Boots nothing: every instance runs at once with a made-up private {@code 172.31.x.y} and public 127.0.0.1. */
    InstanceBoot NONE = new InstanceBoot() {
        private final AtomicInteger next = new AtomicInteger(10);

        @Override
        public String privateAddress(LaunchedInstance instance) {
            int n = next.getAndIncrement();
            return "172.31." + (n / 250 % 250) + "." + (n % 250 + 1);
        }

        @Override
        public InstanceAddresses boot(LaunchedInstance instance) {
            return new InstanceAddresses(null, "127.0.0.1");
        }

        @Override
        public void terminate(String instanceId) {
        }
    };
}
