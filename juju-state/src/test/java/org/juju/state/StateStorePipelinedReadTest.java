package org.juju.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.juju.state.error.AccessDeniedException;
import org.juju.state.error.CorruptNodeException;
import org.juju.state.store.Node;
import org.juju.state.store.ReadOutcome;
import org.juju.state.store.StateStore;
import org.juju.state.store.Transaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipelined reads (and ACL sets) against a real ZooKeeper: each outcome is what the single
 * call returns or throws. The nodes are written under the initialized tree's root with the test's own client.
 */
class StateStorePipelinedReadTest extends StateTestBase {
    /** More reads than {@code PipelinedReads} keeps in flight at once (1,000). */
    private static final int MORE_THAN_IN_FLIGHT = 1_250;
    private StateStore store;

    @BeforeEach
    void useTheStore() {
        store = state.store();
    }

    @Test
    void readsExistingAndMissingNodesInTheOrderGiven() throws Exception {
        write("/a", "name: a\nn: 1\n");
        write("/a/b", "");
        client.setData().forPath("/a", "name: a\nn: 2\n".getBytes(StandardCharsets.UTF_8));

        Map<String, ReadOutcome<Optional<Node>>> read = store.readAll(List.of("/missing", "/a", "/a/b", "/a", "/a/missing"));

        assertThat(read.keySet()).containsExactly("/missing", "/a", "/a/b", "/a/missing");
        assertThat(read.get("/a").get()).isEqualTo(store.read("/a")).hasValueSatisfying(node -> {
            assertThat(node.data()).containsEntry("name", "a").containsEntry("n", 2);
            assertThat(node.version()).isEqualTo(1);
        });
        assertThat(read.get("/a/b").get()).hasValueSatisfying(node -> assertThat(node.data()).isEmpty());
        assertThat(read.get("/missing").get()).isEmpty();
        assertThat(read.get("/a/missing").get()).isEmpty();
    }

    @Test
    void aNodeThisIdentityMayNotReadFailsOnlyItsOwnOutcome() throws Exception {
        write("/open", "x: 1\n");
        client.create().withACL(List.of(new ACL(ZooDefs.Perms.ALL,
                new Id("digest", DigestAuthenticationProvider.generateDigest("someone-else:secret"))))).forPath("/closed");

        Map<String, ReadOutcome<Optional<Node>>> read = store.readAll(List.of("/closed", "/open"));
        Map<String, ReadOutcome<List<String>>> listed = store.childrenAll(List.of("/closed", "/open"));

        assertThat(read.get("/closed").failed()).isTrue();
        assertThatThrownBy(() -> read.get("/closed").get()).isInstanceOf(AccessDeniedException.class)
                .hasMessage(messageOf(() -> store.read("/closed")));
        assertThatThrownBy(() -> listed.get("/closed").get()).isInstanceOf(AccessDeniedException.class)
                .hasMessage(messageOf(() -> store.children("/closed")));
        assertThat(read.get("/open").get()).hasValueSatisfying(node -> assertThat(node.data()).containsEntry("x", 1));
        assertThat(listed.get("/open").get()).isEmpty();
    }

    @Test
    void dataThatIsNotAMappingFailsOnlyItsOwnOutcome() throws Exception {
        write("/list", "- a\n- b\n");
        write("/map", "a: b\n");

        Map<String, ReadOutcome<Optional<Node>>> read = store.readAll(List.of("/list", "/map"));

        assertThatThrownBy(() -> read.get("/list").get()).isInstanceOf(CorruptNodeException.class)
                .hasMessage(messageOf(() -> store.read("/list")));
        assertThat(read.get("/map").get()).hasValueSatisfying(node -> assertThat(node.data()).containsEntry("a", "b"));
    }

    @Test
    void listsChildrenSortedAndMissingParentsAsEmpty() throws Exception {
        for (String child : List.of("c", "a", "b")) {
            write("/parent/" + child, "");
        }

        Map<String, ReadOutcome<List<String>>> listed = store.childrenAll(List.of("/parent", "/nowhere"));

        assertThat(listed.get("/parent").get()).containsExactly("a", "b", "c");
        assertThat(listed.get("/nowhere").get()).isEmpty();
    }

    @Test
    void readsMoreNodesThanAreAllowedInFlightAtOnce() throws Exception {
        int count = MORE_THAN_IN_FLIGHT;
        write("/many", "");
        List<String> paths = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> paths.add("/many/" + i));
        Transaction tx = store.transaction();
        paths.forEach(path -> tx.create(path, Map.of("i", Integer.parseInt(path.substring("/many/".length())))));
        store.commit(tx);

        Map<String, ReadOutcome<Optional<Node>>> read = store.readAll(paths);

        assertThat(read).hasSize(count);
        paths.forEach(path -> assertThat(read.get(path).get()).as(path)
                .hasValueSatisfying(node -> assertThat(node.path()).isEqualTo(path)
                        .endsWith("/" + node.data().get("i"))));
        assertThat(store.childrenAll(List.of("/many")).get("/many").get()).hasSize(count);
    }

    @Test
    void readsAclsWithTheirVersionsAsTheSingleReadDoes() throws Exception {
        write("/a", "");
        client.setACL().withACL(worldAnd(ZooDefs.Perms.READ)).forPath("/a");

        Map<String, ReadOutcome<Optional<StateStore.VersionedAcl>>> acls = store.aclAll(List.of("/a", "/missing"));

        assertThat(acls.keySet()).containsExactly("/a", "/missing");
        assertThat(acls.get("/a").get()).isEqualTo(store.versionedAcl("/a"))
                .hasValueSatisfying(acl -> assertThat(acl.version()).isEqualTo(1));
        assertThat(acls.get("/missing").get()).isEmpty();
    }

    @Test
    void setsEachAclOnlyIfItsVersionIsStillTheOneGiven() throws Exception {
        write("/current", "");
        write("/stale", "");
        List<ACL> wanted = worldAnd(ZooDefs.Perms.READ);
        int stale = store.versionedAcl("/stale").orElseThrow().version();
        client.setACL().withACL(worldAnd(ZooDefs.Perms.WRITE)).forPath("/stale");

        Map<String, ReadOutcome<Boolean>> set = store.setAclAll(Map.of(
                "/current", new StateStore.VersionedAcl(wanted, 0),
                "/stale", new StateStore.VersionedAcl(wanted, stale),
                "/missing", new StateStore.VersionedAcl(wanted, 0)));

        assertThat(set.get("/current").get()).isTrue();
        assertThat(set.get("/stale").get()).isFalse();
        assertThat(set.get("/missing").get()).isFalse();
        assertThat(client.getACL().forPath("/current")).containsExactlyInAnyOrderElementsOf(wanted);
        assertThat(client.getACL().forPath("/stale")).containsExactlyInAnyOrderElementsOf(worldAnd(ZooDefs.Perms.WRITE));
    }

    @Test
    void anAclThisIdentityMayNotReadOrSetFailsOnlyItsOwnOutcome() throws Exception {
        write("/open", "");
        client.create().withACL(List.of(new ACL(ZooDefs.Perms.ALL,
                new Id("digest", DigestAuthenticationProvider.generateDigest("someone-else:secret"))))).forPath("/closed");
        List<ACL> wanted = worldAnd(ZooDefs.Perms.READ);

        Map<String, ReadOutcome<Optional<StateStore.VersionedAcl>>> acls = store.aclAll(List.of("/closed", "/open"));
        Map<String, ReadOutcome<Boolean>> set = store.setAclAll(Map.of(
                "/closed", new StateStore.VersionedAcl(wanted, 0), "/open", new StateStore.VersionedAcl(wanted, 0)));

        assertThatThrownBy(() -> acls.get("/closed").get()).isInstanceOf(AccessDeniedException.class)
                .hasMessage(messageOf(() -> store.versionedAcl("/closed")));
        assertThatThrownBy(() -> set.get("/closed").get()).isInstanceOf(AccessDeniedException.class)
                .hasMessage(messageOf(() -> store.setAcl("/closed", wanted, 0)));
        assertThat(acls.get("/open").get()).isPresent();
        assertThat(set.get("/open").get()).isTrue();
    }

    @Test
    void setsMoreAclsThanAreAllowedInFlightAtOnce() throws Exception {
        write("/many", "");
        List<String> paths = new ArrayList<>();
        IntStream.range(0, MORE_THAN_IN_FLIGHT).forEach(i -> paths.add("/many/" + i));
        Transaction tx = store.transaction();
        paths.forEach(path -> tx.create(path, Map.of()));
        store.commit(tx);
        List<ACL> wanted = worldAnd(ZooDefs.Perms.READ);
        Map<String, StateStore.VersionedAcl> requests = new java.util.LinkedHashMap<>();
        store.aclAll(paths).forEach((path, acl) -> requests.put(path, new StateStore.VersionedAcl(wanted,
                acl.get().orElseThrow().version())));

        Map<String, ReadOutcome<Boolean>> set = store.setAclAll(requests);

        assertThat(set).hasSize(MORE_THAN_IN_FLIGHT);
        assertThat(set.values()).allMatch(ReadOutcome::get);
        assertThat(client.getACL().forPath(paths.get(MORE_THAN_IN_FLIGHT - 1))).containsExactlyInAnyOrderElementsOf(wanted);
    }

    @Test
    void anEmptyBatchReadsNothing() {
        assertThat(store.aclAll(List.of())).isEmpty();
        assertThat(store.setAclAll(Map.of())).isEmpty();
        assertThat(store.readAll(List.of())).isEmpty();
        assertThat(store.childrenAll(List.of())).isEmpty();
    }

    /** Everything for anyone, plus {@code perms} for a second identity: an ACL the store keeps its rights under. */
    private static List<ACL> worldAnd(int perms) throws Exception {
        return List.of(new ACL(ZooDefs.Perms.ALL, ZooDefs.Ids.ANYONE_ID_UNSAFE),
                new ACL(perms, new Id("digest", DigestAuthenticationProvider.generateDigest("reader:secret"))));
    }

    private void write(String path, String yaml) throws Exception {
        client.create().creatingParentsIfNeeded().forPath(path, yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static String messageOf(Runnable read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("the single read did not fail");
    }
}
