package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juju.state.testing.Nested.at;

import java.util.List;
import java.util.Map;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.juju.state.error.AccessDeniedException;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.juju.state.path.StatePaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status of more units than one grouped read holds: the batches keep each unit's entry its
 * own, as reading node by node did.
 */
class StatusReaderBatchTest extends StateTestBase {
    private static final int UNITS = 70;
    private static final UnitName CORRUPT = UnitName.parse("mysql/37");

    @BeforeEach
    void deployManyUnits() {
        state.services().deploy(new Deploy(ServiceName.of("mysql"), TestCharms.mysql(), Map.of(), UNITS, "t"));
    }

    @Test
    void aCorruptNodeAmongManyMarksOnlyItsUnit() throws Exception {
        client.setData().forPath(StatePaths.unitStatus(CORRUPT), "- not\n- a mapping\n".getBytes());
        client.setData().forPath(StatePaths.unitPorts(UnitName.parse("mysql/69")), "open: [80/tcp, 22/tcp]\n".getBytes());

        Map<Object, Object> units = at(state.status().read(Map.of(), List.of()), "services", "mysql", "units");

        assertThat(units).hasSize(UNITS);
        assertThat((String) at(units, CORRUPT.toString()).get(StatusReader.ERROR))
                .startsWith("znode " + StatePaths.unitStatus(CORRUPT) + ": expected a mapping");
        assertThat(units.entrySet()).filteredOn(e -> !e.getKey().equals(CORRUPT.toString()))
                .allSatisfy(e -> assertThat(at(units, e.getKey())).containsEntry("agent-state", "pending"));
        assertThat(at(units, "mysql/69")).containsEntry("open-ports", List.of("22/tcp", "80/tcp"));
    }

    @Test
    void aNodeThisIdentityMayNotReadStillFailsTheWholeStatus() throws Exception {
        client.setACL().withACL(List.of(new ACL(ZooDefs.Perms.ALL,
                new Id("digest", DigestAuthenticationProvider.generateDigest("someone-else:secret")))))
                .forPath(StatePaths.unit(UnitName.parse("mysql/12")));

        assertThatThrownBy(() -> state.status().read(Map.of(), List.of())).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining(StatePaths.unit(UnitName.parse("mysql/12")));
    }
}
