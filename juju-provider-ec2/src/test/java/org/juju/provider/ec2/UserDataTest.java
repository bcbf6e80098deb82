package org.juju.provider.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.juju.state.error.ProviderException;
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
