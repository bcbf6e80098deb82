package org.juju.provider.ec2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.juju.provider.CharmStorage;
import org.juju.provider.EnvironmentConfig;
import org.juju.provider.Instance;
import org.juju.provider.MachineProvider;
import org.juju.provider.ProgressListener;
import org.juju.provider.Provider;
import org.juju.provider.StateServer;
import org.juju.state.error.ProviderException;
import org.juju.state.error.StateUnavailableException;
import org.juju.state.security.Identities;
import org.juju.state.store.StateConnection;
import org.juju.state.store.tls.StateServerCertificates;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * An environment on EC2 (or an EC2-compatible cloud). Bootstrap launches machine 0, which runs
 * ZooKeeper, the provisioning agent and its machine agent from its user data; clients reach
 * ZooKeeper on machine 0's TLS port with the client certificate generated at bootstrap and kept in
 * {@code JUJU_HOME/environments/ENV/tls} (the plain port is open only inside the environment's
 * security group, for its machines).
 *
 * <p>With an {@code admin-secret} (the client's configuration has one; the agents' copy never),
 * machine 0's user data also writes the identities of the provisioning agent and of its machine
 * agent, derived from the secret ({@link Identities}), as their credential files before it starts
 * them. User data is readable by anyone allowed to call the account's EC2 API and, on the
 * instance, from the instance metadata service.
 */
public final class Ec2Provider implements Provider {
    static final Duration CONNECT_ATTEMPT = Duration.ofSeconds(5);
    static final Duration MIN_CONNECT_ATTEMPT = Duration.ofMillis(500);
    private final EnvironmentConfig config;
    private final Ec2Config ec2;
    private final AwsClients clients;
    private final ControlBucket bucket;
    private final Ec2Machines machines;
    private final Supplier<AgentDistribution> distribution;
    private final Duration poll;

    Ec2Provider(EnvironmentConfig config, Ec2Config ec2, RetrySettings retry, Supplier<AgentDistribution> distribution,
                Duration poll) {
        this.config = config;
        this.ec2 = ec2;
        this.clients = new AwsClients(ec2, retry);
        this.bucket = new ControlBucket(clients, ec2.controlBucket(), ec2.region());
        this.machines = new Ec2Machines(clients, ec2, bucket);
        this.distribution = distribution;
        this.poll = poll;
    }

    @Override
    public EnvironmentConfig config() {
        return config;
    }

    /** Where the client keeps this environment's TLS key material: beside environments.yaml. */
    Path tlsDir() {
        Path home = config.source().toAbsolutePath().getParent();
        return home.resolve("environments").resolve(ec2.name()).resolve("tls");
    }

    @Override
    public StateServer bootstrap(ProgressListener progress) {
        Optional<ProviderState> existing = bucket.providerState();
        if (existing.isPresent()) {
            Optional<software.amazon.awssdk.services.ec2.model.Instance> zooKeeper = liveInstance(existing.get());
            if (zooKeeper.isPresent()) {
                progress.progress("Environment '" + ec2.name() + "' has machine 0 already (" + zooKeeper.get().instanceId()
                        + "); waiting for its ZooKeeper.");
                return awaitStateServer(zooKeeper.get().instanceId(), progress);
            }
            progress.progress("provider-state names no live instance: bootstrapping again.");
        }
        progress.progress("Checking that the control bucket " + ec2.controlBucket() + " is writable.");
        bucket.ensureWritable();
        StateServerCertificates certificates = StateServerCertificates.generate(tlsDir(), "juju-" + ec2.name() + "-state");
        AgentDistribution.Archive tools = uploadTools(progress);
        progress.progress("Creating security groups " + ec2.environmentGroup() + " and " + ec2.machineGroup("0") + ".");
        SecurityGroups groups = machines.groups();
        groups.ensureEnvironmentGroup();
        groups.ensureMachineGroup("0");
        groups.authorizeWorld(ec2.machineGroup("0"), new org.juju.provider.Port(ec2.zooKeeperTlsPort(), "tcp"));
        UserData userData;
        Optional<String> adminSecret = config.optionalString("admin-secret");
        try {
            userData = new UserData("0", ec2.name(), bucket.presignedGet(tools.key(), Ec2Machines.TOOLS_URL_VALIDITY),
                    tools.sha256(), "", ec2.authorizedKeys(), Optional.of(new UserData.StateServerBoot(ec2.zooKeeperPort(),
                    ec2.zooKeeperTlsPort(), Files.readAllBytes(certificates.serverKeyStore()),
                    Files.readAllBytes(certificates.serverTrustStore()), certificates.password(),
                    adminSecret.map(Identities::provisioningAgent))),
                    adminSecret.map(Identities::bootstrapMachineAgent));
        } catch (IOException e) {
            throw new ProviderException("cannot read the state server's key material in " + tlsDir() + ": " + e.getMessage(), e);
        }
        // A bootstrap interrupted between RunInstances and saving provider-state left a machine 0:
        // take that one rather than start a second.
        Optional<Instance> leftOver = machines.instancesOf(Optional.of("0")).stream().findFirst();
        Instance zero = leftOver.orElseGet(() -> machines.launch("0", ec2.defaultSeries(), userData));
        bucket.saveProviderState(new ProviderState(List.of(zero.instanceId()), tools.key(), tools.sha256()));
        progress.progress((leftOver.isPresent() ? "Machine 0 runs already as " : "Launched machine 0 as ")
                + zero.instanceId() + "; waiting for it to run ZooKeeper.");
        return awaitStateServer(zero.instanceId(), progress);
    }

    private AgentDistribution.Archive uploadTools(ProgressListener progress) {
        Path dir;
        try {
            dir = Files.createTempDirectory("juju-tools");
        } catch (IOException e) {
            throw new ProviderException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        AgentDistribution.Archive archive = distribution.get().write(dir);
        try {
            if (bucket.exists(archive.key())) {
                progress.progress("The agent distribution " + archive.key() + " is in the bucket already.");
            } else {
                progress.progress("Uploading the agent distribution " + archive.key() + " (" + Files.size(archive.file()) / 1024
                        + " KB).");
                bucket.putFile(archive.key(), archive.file());
            }
            return archive;
        } catch (IOException e) {
            throw new ProviderException("cannot read " + archive.file() + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(archive.file());
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // a temporary file left behind is harmless
            }
        }
    }

    /**
     * Waits until machine 0 runs and its ZooKeeper accepts a TLS connection with the client
     * certificate, reporting progress; gives up after {@code bootstrap-timeout}.
     */
    private StateServer awaitStateServer(String instanceId, ProgressListener progress) {
        Instant deadline = Instant.now().plus(ec2.bootstrapTimeout());
        String lastState = "";
        Instant lastReport = Instant.now();
        while (true) {
            var instance = describe(instanceId).orElseThrow(() -> new ProviderException("machine 0 (" + instanceId
                    + ") is gone"));
            String state = instance.state().nameAsString();
            if (state.equals("shutting-down") || state.equals("terminated") || state.equals("stopped")) {
                String reason = instance.stateReason() == null ? "" : ": " + instance.stateReason().message();
                throw new ProviderException("machine 0 (" + instanceId + ") is " + state + reason);
            }
            if (!state.equals(lastState)) {
                progress.progress("Machine 0 (" + instanceId + ") is " + state + ".");
                lastState = state;
            }
            String address = Ec2Machines.reachableAddress(instance);
            if (state.equals("running") && !address.isEmpty()) {
                StateServer server = stateServerAt(address);
                try {
                    Duration left = Duration.between(Instant.now(), deadline);
                    Duration attempt = left.compareTo(CONNECT_ATTEMPT) > 0 ? CONNECT_ATTEMPT
                            : left.compareTo(MIN_CONNECT_ATTEMPT) < 0 ? MIN_CONNECT_ATTEMPT : left;
                    CuratorFramework client = StateConnection.connect(server, attempt);
                    client.close();
                    progress.progress("ZooKeeper answers at " + server.connectString() + " (TLS).");
                    return server;
                } catch (StateUnavailableException e) {
                    if (Duration.between(lastReport, Instant.now()).toSeconds() >= 15) {
                        progress.progress("Waiting for ZooKeeper at " + server.connectString() + " (machine 0 installs"
                                + " Java and the agents first).");
                        lastReport = Instant.now();
                    }
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ProviderException("machine 0 (" + instanceId + ") did not run ZooKeeper within "
                        + ec2.bootstrapTimeout().toSeconds() + " s (bootstrap-timeout); its log is /var/lib/juju/log/boot.log");
            }
            pause();
        }
    }

    private StateServer stateServerAt(String address) {
        StateServerCertificates certificates = StateServerCertificates.load(tlsDir()).orElseThrow(() ->
                new ProviderException("environment '" + ec2.name() + "': the client certificate is not in " + tlsDir()
                        + "; copy that directory from the machine that bootstrapped the environment"));
        return new StateServer(address + ":" + ec2.zooKeeperTlsPort(), Optional.of(certificates.clientTls()));
    }

    @Override
    public Optional<StateServer> stateServer() {
        Optional<ProviderState> state = bucket.providerState();
        if (state.isEmpty()) {
            return Optional.empty();
        }
        return liveInstance(state.get()).map(instance -> stateServerAt(Ec2Machines.reachableAddress(instance)));
    }

    @Override
    public CharmStorage charmStorage() {
        return new Ec2CharmStorage(bucket);
    }

    @Override
    public MachineProvider machines() {
        return machines;
    }

    /**
     * The keys the environment's agents get: the environment's keys without {@code admin-secret},
     * with the credentials in use made explicit (so the provisioning agent on machine 0 has them
     * whatever chain the client found them in) and the authorized keys inline.
     */
    @Override
    public Map<String, Object> agentConfig() {
        Map<String, Object> keys = new LinkedHashMap<>(Provider.super.agentConfig());
        AwsCredentials credentials = clients.resolveCredentials();
        keys.put("access-key", credentials.accessKeyId());
        keys.put("secret-key", credentials.secretAccessKey());
        keys.remove("authorized-keys-path");
        if (!ec2.authorizedKeys().isEmpty()) {
            keys.put("authorized-keys", ec2.authorizedKeys());
        }
        return keys;
    }

    @Override
    public void destroy(ProgressListener progress) {
        Set<String> ids = new LinkedHashSet<>();
        machines.listMachines().forEach(instance -> ids.add(instance.instanceId()));
        bucket.providerState().flatMap(this::liveInstance).ifPresent(instance -> ids.add(instance.instanceId()));
        if (!ids.isEmpty()) {
            progress.progress("Terminating " + ids.size() + " instance(s): " + String.join(", ", ids) + ".");
            AwsCalls.run("ec2", "TerminateInstances", () -> clients.ec2().terminateInstances(r -> r.instanceIds(ids)));
            awaitTerminated(ids, progress);
        }
        deleteGroups(progress);
        bucket.delete(ProviderState.KEY);
        deleteTree(tlsDir());
        progress.progress("Destroyed environment '" + ec2.name() + "'. Its charms and agent distribution stay in bucket "
                + ec2.controlBucket() + " (delete them with any S3 tool).");
    }

    private void awaitTerminated(Set<String> ids, ProgressListener progress) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (true) {
            List<String> left = new ArrayList<>();
            for (String id : ids) {
                describe(id).filter(i -> !i.state().nameAsString().equals("terminated")).ifPresent(i -> left.add(id));
            }
            if (left.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ProviderException("instances not terminated after 10 minutes: " + String.join(", ", left));
            }
            pause();
        }
    }

    private void deleteGroups(ProgressListener progress) {
        SecurityGroups groups = machines.groups();
        List<String> left = new ArrayList<>(groups.existing());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!left.isEmpty()) {
            left.removeIf(groups::delete);
            if (left.isEmpty()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ProviderException("security groups still in use after 3 minutes: " + String.join(", ", left));
            }
            pause();
        }
        progress.progress("Deleted the environment's security groups.");
    }

    private Optional<software.amazon.awssdk.services.ec2.model.Instance> liveInstance(ProviderState state) {
        for (String id : state.zooKeeperInstances()) {
            Optional<software.amazon.awssdk.services.ec2.model.Instance> instance = describe(id)
                    .filter(i -> Ec2Machines.LIVE_STATES.contains(i.state().nameAsString()));
            if (instance.isPresent()) {
                return instance;
            }
        }
        return Optional.empty();
    }

    private Optional<software.amazon.awssdk.services.ec2.model.Instance> describe(String instanceId) {
        return AwsCalls.callUnless("ec2", "DescribeInstances " + instanceId, AwsCalls.codes("InvalidInstanceID.NotFound"),
                () -> clients.ec2().describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                        .flatMap(r -> r.instances().stream()).findFirst().orElse(null));
    }

    private void pause() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted");
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new ProviderException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
