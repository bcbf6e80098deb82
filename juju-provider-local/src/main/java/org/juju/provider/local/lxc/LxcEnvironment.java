package org.juju.provider.local.lxc;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.juju.provider.ProgressListener;
import org.juju.state.error.ProviderException;

/**
 * The LXC side of a local environment with {@code container: lxc}: its {@link Bridge}, the
 * {@link ContainerTemplate} of its series and its {@link ContainerMachines}. Made from the data
 * directory alone, so the client (bootstrap, destroy) and the provisioning agent agree on
 * everything.
 */
public final class LxcEnvironment {
    private final Bridge bridge;
    private final ContainerTemplate template;
    private final ContainerMachines machines;

    /**
     * @param mirror         the Debian mirror the template's apt uses
     * @param securityMirror the Debian security mirror
     * @param aptProxy the environment's apt cache ({@code host:port}), if any, asked at each machine start
     * @param spares   how many spare containers the provisioning agent keeps booted
     * @throws ProviderException if this host cannot run LXC containers (the message says why) or
     *                           the bridge's file in the data directory cannot be read or written
     */
    public LxcEnvironment(String environment, Path dataDir, String series, AgentCommand agent, String mirror,
                          String securityMirror,
                          Supplier<Optional<String>> aptProxy, int spares) {
        Objects.requireNonNull(environment, "environment");
        Optional<String> whyNot = LxcHost.whyNot();
        if (whyNot.isPresent()) {
            throw new ProviderException("environment '" + environment + "' has container: lxc, but " + whyNot.get()
                    + " (use container: process)");
        }
        Lxc lxc = new Lxc(Lxc.SYSTEM_PATH);
        this.bridge = Bridge.of(dataDir);
        this.template = new ContainerTemplate(lxc, series, mirror, securityMirror);
        this.machines = new ContainerMachines(environment, lxc, template, bridge, agent, aptProxy,
                dataDir.resolve("logs/containers"), spares);
    }

    /** The bridge; its host address is where the environment's daemons listen. */
    public Bridge bridge() {
        return bridge;
    }

    /** The machines (containers). */
    public ContainerMachines machines() {
        return machines;
    }

    /**
     * What bootstrap needs before the daemons start: the template built (once per host, reported to
     * {@code progress}) and the bridge up.
     */
    public void prepare(ProgressListener progress) {
        if (template.ensure(progress)) {
            progress.progress("the container template " + template.name() + " is ready");
        }
        boolean existed = bridge.exists();
        bridge.ensureUp();
        if (!existed) {
            progress.progress("created the bridge " + bridge);
        }
    }

    /** Destroys every container of the environment, then the bridge; reports each to {@code progress}. */
    public void destroy(ProgressListener progress) {
        int containers = machines.destroyAll();
        if (containers > 0) {
            progress.progress("destroyed " + containers + " container(s)");
        }
        if (bridge.remove()) {
            progress.progress("removed the bridge " + bridge.name());
        }
    }
}
