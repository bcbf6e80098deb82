package org.juju.provider.ec2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.juju.state.error.ProviderException;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;

/**
 * The user data a machine boots with: a bash script that cloud-init runs once as root. It installs
 * the SSH keys, finds or installs a Java runtime, fetches the agent distribution through its
 * pre-signed URL and checks its sha256, and starts the agents as systemd services (restarted
 * when they die). Machine 0 also gets ZooKeeper's TLS key material and starts ZooKeeper (plain port
 * on every address, for the machines of the group; TLS port for clients) and the provisioning agent.
 *
 * <p>Identities: before it starts an agent, the script writes the agent's identity as the file
 * {@code credential} in the agent's directory ({@code /var/lib/juju/agents/machine-N}, and on
 * machine 0 also {@code /var/lib/juju/agents/provisioning}) with {@code umask 077}, through a quoted
 * here-document: the password is never on a command line, and the script logs nothing of it. Like
 * everything in it, though, it is in the instance's user data, which anyone allowed to call the
 * EC2 API of the account ({@code DescribeInstanceAttribute}) can read, and so can every process on
 * that instance through the instance metadata service.
 *
 * <p>The script honours three variables so that a test cloud can run it as a plain process:
 * {@code JUJU_ROOT} (a directory standing for {@code /}; its machine then uses background processes
 * with pid files in {@code $JUJU_ROOT/var/lib/juju/run} instead of systemd),
 * {@code JUJU_PRIVATE_ADDRESS} (else the first address of {@code hostname -I}) and
 * {@code JUJU_BIND_ADDRESS} (where ZooKeeper listens; else every address).
 *
 * @param machineId      the machine's id
 * @param environment    the environment's name
 * @param toolsUrl       a pre-signed URL of the agent distribution
 * @param toolsSha256    its hex sha256
 * @param zooKeeper      where a machine other than 0 finds ZooKeeper ({@code host:port}); empty for machine 0
 * @param authorizedKeys SSH public keys, one per line (may be empty)
 * @param stateServer    machine 0's ZooKeeper settings, empty for other machines
 * @param identity       the machine agent's identity (empty in an environment without identities)
 */
public record UserData(String machineId, String environment, String toolsUrl, String toolsSha256, String zooKeeper,
                       String authorizedKeys, Optional<StateServerBoot> stateServer, Optional<AgentIdentity> identity) {
    /** EC2's limit on user data, before base64. */
    public static final int MAX_BYTES = 16 * 1024;
    /** Ends the here-documents of the script; no line of their contents can be it. */
    private static final String HEREDOC_END = "JUJU_EOF";

    /**
     * What machine 0 needs to run ZooKeeper.
     *
     * @param port          the plain client port
     * @param tlsPort       the TLS client port
     * @param keyStore      the server's PKCS12 key store
     * @param trustStore    the PKCS12 trust store holding the client's certificate
     * @param password      the stores' password
     * @param provisioningIdentity the provisioning agent's identity (empty in an environment without identities)
     */
    public record StateServerBoot(int port, int tlsPort, byte[] keyStore, byte[] trustStore, String password,
                                  Optional<AgentIdentity> provisioningIdentity) {
        public StateServerBoot {
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(provisioningIdentity, "provisioningIdentity");
        }

        /** Machine 0 of an environment without identities. */
        public StateServerBoot(int port, int tlsPort, byte[] keyStore, byte[] trustStore, String password) {
            this(port, tlsPort, keyStore, trustStore, password, Optional.empty());
        }

        @Override
        public String toString() {
            return "StateServerBoot[port=" + port + ", tlsPort=" + tlsPort + "]";
        }
    }

    public UserData {
        for (String value : new String[] {machineId, environment, toolsUrl, toolsSha256, zooKeeper, authorizedKeys}) {
            Objects.requireNonNull(value);
        }
        Objects.requireNonNull(stateServer, "stateServer");
        Objects.requireNonNull(identity, "identity");
        if (!toolsSha256.matches("[0-9a-f]{64}") || !machineId.matches("\\d+")) {
            throw new IllegalArgumentException("invalid machine id or sha256");
        }
    }

    /** The user data of a machine of an environment without identities. */
    public UserData(String machineId, String environment, String toolsUrl, String toolsSha256, String zooKeeper,
                    String authorizedKeys, Optional<StateServerBoot> stateServer) {
        this(machineId, environment, toolsUrl, toolsSha256, zooKeeper, authorizedKeys, stateServer, Optional.empty());
    }

    /**
     * The script.
     *
     * @throws ProviderException if it exceeds EC2's 16 KB
     */
    public String render() {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# juju: machine ").append(machineId).append(" of environment ").append(quote(environment)).append('\n');
        s.append("set -eu\n");
        s.append("""
                root="${JUJU_ROOT:-}"
                lib="$root/var/lib/juju"
                mkdir -p "$lib/tools" "$lib/agents" "$lib/log"
                chmod 700 "$lib"
                exec >>"$lib/log/boot.log" 2>&1
                echo "juju: boot of machine %1$s started $(date -u +%%FT%%TZ)"
                keys=%2$s
                if [ -n "$keys" ] && [ -z "$root" ]; then
                  for home in /root /home/ubuntu /home/admin; do
                    [ -d "$home" ] || continue
                    mkdir -p "$home/.ssh"
                    printf '%%s\\n' "$keys" >>"$home/.ssh/authorized_keys"
                    chmod 700 "$home/.ssh"; chmod 600 "$home/.ssh/authorized_keys"
                    chown -R "$(stat -c %%U:%%G "$home")" "$home/.ssh"
                  done
                fi
                java=""
                if command -v java >/dev/null 2>&1; then java="$(command -v java)"; fi
                if [ -z "$java" ]; then
                  for candidate in /usr/lib/jvm/*/bin/java; do if [ -x "$candidate" ]; then java="$candidate"; fi; done
                fi
                if [ -z "$java" ]; then
                  echo "juju: installing a Java runtime"
                  export DEBIAN_FRONTEND=noninteractive
                  apt-get update -q && apt-get install -y -q openjdk-17-jre-headless
                  java="$(command -v java)"
                fi
                fetch() {
                  if command -v curl >/dev/null 2>&1; then curl -fsS --retry 10 --retry-delay 2 -o "$2" "$1"
                  elif command -v wget >/dev/null 2>&1; then wget -q -O "$2" "$1"
                  else python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$1" "$2"
                  fi
                }
                fetch %3$s "$lib/tools.tar.gz"
                echo "%4$s  $lib/tools.tar.gz" | sha256sum -c -
                tar -xzf "$lib/tools.tar.gz" -C "$lib/tools"
                rm -f "$lib/tools.tar.gz"
                address="${JUJU_PRIVATE_ADDRESS:-$(hostname -I | awk '{print $1}')}"
                start_service() {
                  name="$1"; shift
                  if [ -z "$root" ]; then
                    printf '[Unit]\\nDescription=%%s\\nAfter=network-online.target\\n[Service]\\nExecStart=%%s\\nRestart=always\\nRestartSec=2\\n[Install]\\nWantedBy=multi-user.target\\n' "$name" "$*" >"/etc/systemd/system/$name.service"
                    systemctl daemon-reload
                    systemctl enable --now "$name.service"
                  else
                    mkdir -p "$lib/run"
                    nohup "$@" >"$lib/log/$name.out" 2>&1 </dev/null &
                    echo $! >"$lib/run/$name.pid"
                  fi
                }
                classpath="$lib/tools/*"
                """.formatted(machineId, quote(authorizedKeys), quote(toolsUrl), toolsSha256));
        if (stateServer.isPresent()) {
            StateServerBoot boot = stateServer.get();
            Base64.Encoder base64 = Base64.getMimeEncoder(76, new byte[] {'\n'});
            s.append("mkdir -p \"$lib/tls\" && chmod 700 \"$lib/tls\"\n");
            s.append("base64 -d >\"$lib/tls/server.p12\" <<'JUJU_EOF'\n")
                    .append(base64.encodeToString(boot.keyStore())).append("\nJUJU_EOF\n");
            s.append("base64 -d >\"$lib/tls/server-trust.p12\" <<'JUJU_EOF'\n")
                    .append(base64.encodeToString(boot.trustStore())).append("\nJUJU_EOF\n");
            s.append("printf '%s' ").append(quote(boot.password())).append(" >\"$lib/tls/password\"\n");
            s.append("chmod 600 \"$lib/tls/\"*\n");
            s.append("start_service juju-zookeeper \"$java\" -Xmx512m -cp \"$classpath\" org.juju.provider.local.ZooKeeperDaemon"
                    + " --data-dir \"$lib/state\" --host \"${JUJU_BIND_ADDRESS:-0.0.0.0}\" --port ").append(boot.port())
                    .append(" --secure-port ").append(boot.tlsPort()).append(" --tls-dir \"$lib/tls\"\n");
            s.append("zookeeper=\"$address:").append(boot.port()).append("\"\n");
            String provisioningDir = "$lib/agents/provisioning";
            boot.provisioningIdentity().ifPresent(id -> appendCredential(s, provisioningDir, id));
            s.append("start_service juju-provisioning-agent \"$java\" -cp \"$classpath\" org.juju.agents.AgentMain"
                    + " provisioning --zookeeper \"$zookeeper\" --dir \"").append(provisioningDir).append("\"\n");
        } else {
            s.append("zookeeper=").append(quote(zooKeeper)).append('\n');
        }
        String machineDir = "$lib/agents/machine-" + machineId;
        identity.ifPresent(id -> appendCredential(s, machineDir, id));
        s.append("start_service juju-machine-agent \"$java\" -cp \"$classpath\" org.juju.agents.AgentMain machine --id ")
                .append(machineId).append(" --zookeeper \"$zookeeper\" --dir \"").append(machineDir).append("\"\n");
        s.append("echo \"juju: boot of machine ").append(machineId).append(" done $(date -u +%FT%TZ)\"\n");
        String script = s.toString();
        int size = script.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BYTES) {
            throw new ProviderException("the user data of machine " + machineId + " is " + size
                    + " bytes, over EC2's limit of " + MAX_BYTES + " (fewer or shorter authorized-keys?)");
        }
        return script;
    }

    /**
     * Appends the lines that write {@code identity} as the credential file of the agent directory
     * {@code dir} (a double-quoted shell word's content): in a subshell with {@code umask 077}, from a
     * quoted here-document, so the password is in no command's arguments and nothing is expanded.
     */
    private static void appendCredential(StringBuilder s, String dir, AgentIdentity identity) {
        String text = identity.text();
        if (text.lines().anyMatch(HEREDOC_END::equals)) {
            throw new IllegalArgumentException("a credential line cannot end a here-document");
        }
        String file = dir + "/" + Credential.FILE_NAME;
        s.append("mkdir -p \"").append(dir).append("\"\n");
        s.append("(umask 077; rm -f \"").append(file).append("\"; cat >\"").append(file).append("\" <<'")
                .append(HEREDOC_END).append("'\n").append(text).append(HEREDOC_END).append('\n');
        s.append("chmod 600 \"").append(file).append("\")\n");
    }

    /** The script, base64-encoded as RunInstances takes it. */
    public String encoded() {
        return Base64.getEncoder().encodeToString(render().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code text} as one single-quoted shell word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return "UserData[machine=" + machineId + ", environment=" + environment + "]";
    }
}
