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
 * The pipelined reads against a real ZooKeeper: each outcome is what the single read returns or
 * throws. The nodes are written under the initialized tree's root with the test's own client.
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
    void anEmptyBatchReadsNothing() {
        assertThat(store.readAll(List.of())).isEmpty();
        assertThat(store.childrenAll(List.of())).isEmpty();
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
