package org.juju.provider.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.state.error.ProviderException;
import org.juju.state.security.AgentIdentity;
import org.juju.state.security.Credential;
import org.juju.state.security.Identities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDataTest {
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path dir;

    private static UserData machine(String keys) {
        return new UserData("3", "aws", "http://10.0.0.1/b/tools?X-Amz-Signature=x&a=b", SHA, "172.31.0.5:2181", keys,
                Optional.empty());
    }

    @Test
    void aMachineStartsOnlyItsMachineAgentPointedAtZooKeeper() throws Exception {
        String script = machine("ssh-ed25519 AAAA it's me").render();

        assertThat(script).startsWith("#!/bin/bash\n")
                .contains("zookeeper='172.31.0.5:2181'")
                .contains("AgentMain machine --id 3")
                .contains("fetch 'http://10.0.0.1/b/tools?X-Amz-Signature=x&a=b'")
                .contains(SHA + "  $lib/tools.tar.gz")
                .contains("keys='ssh-ed25519 AAAA it'\\''s me'")
                .doesNotContain("ZooKeeperDaemon").doesNotContain("provisioning");
        assertSyntax(script);
    }

    @Test
    void machineZeroRunsZooKeeperWithItsKeyMaterialAndTheProvisioningAgent() throws Exception {
        byte[] store = new byte[1500];
        new java.util.Random(1).nextBytes(store);
        UserData zero = new UserData("0", "aws", "http://x/t", SHA, "", "", Optional.of(
                new UserData.StateServerBoot(2181, 2281, store, new byte[] {1, 2, 3}, "pa'ss")));

        String script = zero.render();

        assertThat(script).contains("ZooKeeperDaemon --data-dir \"$lib/state\" --host \"${JUJU_BIND_ADDRESS:-0.0.0.0}\" --port 2181 --secure-port 2281")
                .contains("AgentMain provisioning --zookeeper \"$zookeeper\"")
                .contains("AgentMain machine --id 0")
                .contains(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(store).lines().findFirst().orElseThrow());
        assertThat(zero.toString()).doesNotContain("pa'ss");
        assertThat(script).doesNotContain("\r");
        assertThat(new String(Base64.getDecoder().decode(zero.encoded()))).isEqualTo(script);
        assertSyntax(script);
    }

    private static AgentIdentity machineIdentity(int id) {
        return Identities.bootstrapMachineAgent("s3cret").with(new Credential("machine-" + id, Credential.randomToken()));
    }

    private static UserData machineZero(String secret) {
        return new UserData("0", "aws", "http://x/t", SHA, "", "", Optional.of(new UserData.StateServerBoot(2181, 2281,
                new byte[] {1}, new byte[] {2}, "store-pass", Optional.of(Identities.provisioningAgent(secret)))),
                Optional.of(Identities.bootstrapMachineAgent(secret)));
    }

    /**
     * Asserts that {@code password} is only in the body of a quoted here-document of {@code script}
     * (a line of its own, the here-document's first line, {@code NAME:PASSWORD}), never on a line
     * that runs a command.
     */
    private static void assertOnlyInAHereDocument(String script, String name, String password) {
        List<String> lines = script.lines().toList();
        List<Integer> holding = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(password)) {
                holding.add(i);
            }
        }
        assertThat(holding).as("lines holding the password of %s", name).hasSize(1);
        int line = holding.get(0);
        assertThat(lines.get(line)).isEqualTo(name + ":" + password);
        assertThat(lines.get(line - 1)).as("the line before").endsWith(" <<'JUJU_EOF'").startsWith("(umask 077; ")
                .doesNotContain(password);
        assertThat(lines.subList(line + 1, lines.size())).as("the here-document ends two lines further")
                .element(2).isEqualTo("JUJU_EOF");
    }

    @Test
    void aMachineWritesItsAgentsIdentityPrivatelyBeforeStartingIt() throws Exception {
        AgentIdentity identity = machineIdentity(3);
        UserData data = new UserData("3", "aws", "http://x/t", SHA, "172.31.0.5:2181", "", Optional.empty(),
                Optional.of(identity));

        String script = data.render();

        String write = "mkdir -p \"$lib/agents/machine-3\"\n"
                + "(umask 077; rm -f \"$lib/agents/machine-3/credential\"; cat >\"$lib/agents/machine-3/credential\""
                + " <<'JUJU_EOF'\n" + identity.text() + "JUJU_EOF\nchmod 600 \"$lib/agents/machine-3/credential\")\n";
        assertThat(script).contains(write)
                .contains("AgentMain machine --id 3 --zookeeper \"$zookeeper\" --dir \"$lib/agents/machine-3\"\n");
        assertThat(script.indexOf(write)).as("written before the agent starts")
                .isLessThan(script.indexOf("start_service juju-machine-agent"));
        assertOnlyInAHereDocument(script, "machine-3", identity.credential().password());
        assertThat(data.toString()).doesNotContain(identity.credential().password());
        assertThat(machine("").render()).as("no identity, no file").doesNotContain("credential");
        assertSyntax(script);
    }

    @Test
    void machineZeroWritesTheProvisioningAgentsAndItsMachineAgentsIdentities() throws Exception {
        String script = machineZero("s3cret").render();

        AgentIdentity provisioning = Identities.provisioningAgent("s3cret");
        AgentIdentity machine = Identities.bootstrapMachineAgent("s3cret");
        assertThat(script).contains("cat >\"$lib/agents/provisioning/credential\" <<'JUJU_EOF'\n" + provisioning.text())
                .contains("cat >\"$lib/agents/machine-0/credential\" <<'JUJU_EOF'\n" + machine.text())
                .doesNotContain("s3cret");
        assertThat(script.indexOf("$lib/agents/provisioning/credential"))
                .isLessThan(script.indexOf("start_service juju-provisioning-agent"));
        assertThat(script.indexOf("$lib/agents/machine-0/credential"))
                .isLessThan(script.indexOf("start_service juju-machine-agent"));
        assertOnlyInAHereDocument(script, "provisioning", provisioning.credential().password());
        assertOnlyInAHereDocument(script, "machine-0", machine.credential().password());
        assertSyntax(script);
    }

    @Test
    void theScriptHandsEachAgentItsIdentityAtItsDirBeforeItStarts() throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Files.writeString(tools.resolve("agents.jar"), "not really a jar");
        Path archive = dir.resolve("tools.tar.gz");
        run(new ProcessBuilder("tar", "-czf", archive.toString(), "-C", tools.toString(), "agents.jar"));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(archive)));
        Path record = dir.resolve("started");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fakeJava = Files.writeString(bin.resolve("java"), """
                #!/bin/sh
                # stands for java: records each agent's --dir and whether its credential was there
                dir=; prev=
                for a in "$@"; do [ "$prev" = "--dir" ] && dir="$a"; prev="$a"; done
                if [ -n "$dir" ]; then
                  if [ -f "$dir/credential" ]; then state=present; else state=absent; fi
                  echo "$dir $state $*" >>'%s'
                fi
                """.formatted(record));
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        UserData zero = new UserData("0", "aws", archive.toUri().toString(), sha, "", "", Optional.of(
                new UserData.StateServerBoot(2181, 2281, new byte[] {1}, new byte[] {2}, "store-pass",
                        Optional.of(Identities.provisioningAgent("s3cret")))),
                Optional.of(Identities.bootstrapMachineAgent("s3cret")));
        Path root = Files.createDirectories(dir.resolve("machine-0"));
        Path script = Files.writeString(dir.resolve("user-data"), zero.render());
        ProcessBuilder boot = new ProcessBuilder("bash", script.toString()).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("user-data.out").toFile());
        boot.environment().put("JUJU_ROOT", root.toString());
        boot.environment().put("JUJU_PRIVATE_ADDRESS", "127.0.0.1");
        boot.environment().put("PATH", bin + ":" + System.getenv("PATH"));

        run(boot);

        Path agents = root.resolve("var/lib/juju/agents");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> Files.exists(record) && Files.readAllLines(record).size() == 2);
        assertThat(Files.readAllLines(record)).as("each agent found its credential at its --dir when it started")
                .anyMatch(line -> line.startsWith(agents.resolve("provisioning") + " present ")
                        && line.contains("AgentMain provisioning "))
                .anyMatch(line -> line.startsWith(agents.resolve("machine-0") + " present ")
                        && line.contains("AgentMain machine --id 0 "));
        Map<Path, AgentIdentity> expected = Map.of(agents.resolve("provisioning"), Identities.provisioningAgent("s3cret"),
                agents.resolve("machine-0"), Identities.bootstrapMachineAgent("s3cret"));
        for (Map.Entry<Path, AgentIdentity> agent : expected.entrySet()) {
            Path file = agent.getKey().resolve(Credential.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("mode of %s", file)
                    .isEqualTo("rw-------");
            assertThat(AgentIdentity.readFrom(file)).contains(agent.getValue());
            String password = agent.getValue().credential().password();
            assertThat(Files.readString(record)).as("command lines").doesNotContain(password);
            assertThat(Files.readString(root.resolve("var/lib/juju/log/boot.log"))).doesNotContain(password);
            assertThat(Files.readString(dir.resolve("user-data.out"))).doesNotContain(password);
        }
    }

    private static void run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        String output = builder.redirectOutput() == ProcessBuilder.Redirect.PIPE
                ? new String(process.getInputStream().readAllBytes()) : "";
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("ends").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", builder.command()) + ": " + output).isZero();
    }

    @Test
    void userDataOverSixteenKilobytesIsRefusedWithItsSize() {
        assertThatThrownBy(() -> machine("k".repeat(UserData.MAX_BYTES)).render())
                .isInstanceOf(ProviderException.class).hasMessageContaining("over EC2's limit of 16384");
    }

    private void assertSyntax(String script) throws Exception {
        Path file = Files.writeString(dir.resolve("user-data"), script);
        Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor()).as(output).isZero();
    }
}
