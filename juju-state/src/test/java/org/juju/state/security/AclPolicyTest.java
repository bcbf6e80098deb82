package org.juju.state.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.data.ACL;
import org.juju.state.model.MachineId;
import org.juju.state.model.RelationId;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import org.junit.jupiter.api.Test;

/** The ACL table, node kind by node kind, over a fixed environment (no ZooKeeper needed). */
class AclPolicyTest {
    /** mysql/0 on machine 1, wordpress/0 on machine 2, related by relation 0. */
    private static final AccessView VIEW = new AccessView() {
        @Override
        public Optional<String> digest(String name) {
            return Set.of("admin", "provisioning", "machine-0", "machine-1", "machine-2", "unit-mysql-0",
                    "unit-wordpress-0").contains(name) ? Optional.of(name + ":hash") : Optional.empty();
        }

        @Override
        public Set<String> unitsOfService(ServiceName service) {
            return Set.of("unit-" + service + "-0");
        }

        @Override
        public Set<String> machinesOfService(ServiceName service) {
            return Set.of(service.toString().equals("mysql") ? "machine-1" : "machine-2");
        }

        @Override
        public Set<String> unitsOfRelation(RelationId relation) {
            return Set.of("unit-mysql-0", "unit-wordpress-0");
        }

        @Override
        public Set<String> machinesOfRelation(RelationId relation) {
            return Set.of("machine-1", "machine-2");
        }

        @Override
        public Set<String> unitsOfCharm(String quotedUrl) {
            return Set.of("unit-mysql-0");
        }

        @Override
        public Set<String> machinesOfCharm(String quotedUrl) {
            return Set.of("machine-1");
        }

        @Override
        public Set<String> unitsOnMachine(MachineId machine) {
            return machine.value() == 1 ? Set.of("unit-mysql-0") : Set.of();
        }

        @Override
        public Optional<String> machineOfUnit(UnitName unit) {
            return switch (unit.service().toString()) {
                case "mysql" -> Optional.of("machine-1");
                case "wordpress" -> Optional.of("machine-2");
                default -> Optional.empty();
            };
        }

        @Override
        public Set<String> allMachines() {
            return Set.of("machine-0", "machine-1", "machine-2");
        }

        @Override
        public Set<String> allUnits() {
            return Set.of("unit-mysql-0", "unit-wordpress-0");
        }
    };

    private static Map<String, Integer> perms(String path) {
        Map<String, Integer> result = new TreeMap<>();
        for (ACL acl : AclPolicy.acl(path, VIEW)) {
            assertThat(acl.getId().getScheme()).as(path).isEqualTo("digest");
            result.put(Credential.nameOfDigest(acl.getId().getId()), acl.getPerms());
        }
        return result;
    }

    @Test
    void theAdminAndTheProvisioningAgentAloneHoldTheEnvironmentWideNodes() {
        for (String path : List.of("/", "/initialized", "/environment", "/secrets", "/secrets/provider",
                "/secrets/identities", "/machines", "/services", "/relations", "/unassigned", "/unassigned/mysql-0",
                "/relation-keys", "/presence", "/provisioning-leader", "/services/mysql/exposed",
                "/machines/1/retry-provisioning", "/not-in-the-schema")) {
            assertThat(perms(path)).as(path).isEqualTo(Map.of("admin", Perms.ALL, "provisioning", Perms.ALL));
        }
    }

    @Test
    void aUnitsRelationSettingsAreReadByTheRelationsUnitsAndWrittenByItsOwnUnitOnly() {
        assertThat(perms("/relations/0/settings/mysql-0")).isEqualTo(Map.of("admin", Perms.ALL,
                "provisioning", Perms.ADMIN, "unit-mysql-0", Perms.READ | Perms.WRITE, "unit-wordpress-0", Perms.READ,
                "machine-1", Perms.READ, "machine-2", Perms.READ));
        assertThat(perms("/relations/0/settings")).containsEntry("unit-wordpress-0", Perms.READ | Perms.CREATE)
                .containsEntry("machine-2", Perms.READ | Perms.DELETE).containsEntry("provisioning", Perms.ALL);
        assertThat(perms("/relations/0/members")).containsEntry("unit-mysql-0",
                Perms.READ | Perms.WRITE | Perms.CREATE | Perms.DELETE).containsEntry("machine-1", Perms.READ);
    }

    @Test
    void serviceNodesOpenToTheirOwnUnitsAndMachinesOnly() {
        assertThat(perms("/services/mysql/config")).isEqualTo(Map.of("admin", Perms.ALL, "provisioning", Perms.ALL,
                "unit-mysql-0", Perms.READ));
        assertThat(perms("/services/mysql")).containsEntry("machine-1", Perms.READ).doesNotContainKey("unit-wordpress-0");
        assertThat(perms("/services/mysql/units/0")).containsEntry("unit-mysql-0", Perms.READ | Perms.CREATE | Perms.DELETE)
                .containsEntry("machine-1", Perms.READ | Perms.DELETE).doesNotContainKey("machine-2");
        assertThat(perms("/services/mysql/units/0/status")).containsEntry("unit-mysql-0", Perms.READ | Perms.WRITE)
                .containsEntry("machine-1", Perms.READ | Perms.WRITE);
        assertThat(perms("/services/mysql/units/0/status-history")).as("as the status node")
                .isEqualTo(perms("/services/mysql/units/0/status"));
        assertThat(perms("/services/mysql/units/0/ports")).containsEntry("unit-mysql-0", Perms.READ | Perms.WRITE)
                .containsEntry("machine-1", Perms.READ);
        assertThat(perms("/charms/local_3a_bookworm_2f_mysql-1")).containsEntry("unit-mysql-0", Perms.READ)
                .containsEntry("machine-1", Perms.READ).doesNotContainKey("unit-wordpress-0");
    }

    @Test
    void everyAgentAppendsLogRecordsThatOnlyTheAdminAndTheProvisioningAgentRead() {
        assertThat(perms("/logs")).containsEntry("admin", Perms.ALL).containsEntry("provisioning", Perms.ALL)
                .containsEntry("machine-1", Perms.CREATE).containsEntry("unit-mysql-0", Perms.CREATE)
                .containsEntry("unit-wordpress-0", Perms.CREATE);
        assertThat(perms("/logs/log-0000000007")).isEqualTo(Map.of("admin", Perms.ALL,
                "provisioning", Perms.READ | Perms.DELETE));
    }

    @Test
    void machineNodesOpenToTheirAgentAndTheirUnits() {
        assertThat(perms("/machines/1")).containsEntry("machine-1", Perms.READ | Perms.CREATE)
                .containsEntry("unit-mysql-0", Perms.READ).doesNotContainKey("machine-2");
        assertThat(perms("/machines/1/status")).containsEntry("machine-1", Perms.READ | Perms.WRITE)
                .doesNotContainKey("unit-mysql-0");
        assertThat(perms("/machines/1/units/mysql-0")).containsEntry("machine-1", Perms.READ | Perms.WRITE);
        assertThat(perms("/presence/units")).containsEntry("unit-wordpress-0", Perms.CREATE);
        assertThat(perms("/settings")).as("unit agents read the hook retry options, every agent the debug-log switch")
                .containsEntry("unit-wordpress-0", Perms.READ).containsEntry("unit-mysql-0", Perms.READ)
                .containsEntry("machine-1", Perms.READ);
        assertThat(perms("/presence/units/mysql-0")).as("its own agent reads it (PersistentNode's exists watch)")
                .isEqualTo(Map.of("admin", Perms.ALL, "provisioning", Perms.ALL, "unit-mysql-0", Perms.READ));
        assertThat(perms("/presence/machines/1")).isEqualTo(Map.of("admin", Perms.ALL, "provisioning", Perms.ALL,
                "machine-1", Perms.READ));
        assertThat(perms("/presence/units/not-a-unit")).as("no agent's node")
                .isEqualTo(Map.of("admin", Perms.ALL, "provisioning", Perms.ALL));
    }

    @Test
    void identitiesThatDoNotExistGetNoEntry() {
        assertThat(perms("/services/ghost/units/7")).isEqualTo(Map.of("admin", Perms.ALL, "provisioning", Perms.ALL));
    }
}
