package org.juju.agents.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.StateUnavailableException;

/**
 * The shape of a ZooKeeper tree: how many nodes, how many data bytes, which nodes are biggest
 * and which parents have the most children. Reads every node once (getData, getChildren) with
 * the given client, so it sees what that client's credentials may read: a node it may not read
 * is counted in {@link Result#unreadable} and its subtree is skipped. Nodes deleted during the
 * walk are skipped silently. Not a consistent snapshot: the tree may change while it is walked.
 */
public final class TreeSurvey {
    /** Smallest first; among equals, the path last in order first, so that reversed lists tie in path order. */
    private static final Comparator<Znode> BY_BYTES =
            Comparator.comparingInt(Znode::bytes).thenComparing(Znode::path, Comparator.reverseOrder());
    private static final Comparator<Parent> BY_CHILDREN =
            Comparator.comparingInt(Parent::children).thenComparing(Parent::path, Comparator.reverseOrder());

    private TreeSurvey() {
    }

    /** A node and its data size in bytes. */
    public record Znode(String path, int bytes) {
    }

    /** A parent and its number of children. */
    public record Parent(String path, int children) {
    }

    /**
     * The survey.
     *
     * @param nodes nodes read, {@code root} included
     * @param totalBytes sum of their data sizes
     * @param unreadable nodes refused (NoAuth); their subtrees are not counted
     * @param biggest the largest nodes by data size, largest first
     * @param widest the parents with most children, widest first
     */
    public record Result(long nodes, long totalBytes, int unreadable, List<Znode> biggest, List<Parent> widest) {

        /** The biggest node, or null for an empty survey. */
        public Znode biggestNode() {
            return biggest.isEmpty() ? null : biggest.get(0);
        }

        /** Plain data for JSON. */
        public Map<String, Object> toData() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("nodes", nodes);
            data.put("totalBytes", totalBytes);
            data.put("unreadable", unreadable);
            data.put("biggest", biggest.stream().map(z -> Map.of("path", z.path(), "bytes", z.bytes())).toList());
            data.put("widest", widest.stream().map(p -> Map.of("path", p.path(), "children", p.children())).toList());
            return data;
        }
    }

    /** Walks the tree under {@code root} (the client's namespace applies) keeping the {@code top} largest of each. */
    public static Result survey(CuratorFramework client, String root, int top) throws InterruptedException {
        if (top < 1 || !root.startsWith("/")) {
            throw new InvalidInputException("survey needs an absolute root and a positive top, got " + root + " and " + top);
        }
        PriorityQueue<Znode> biggest = new PriorityQueue<>(BY_BYTES);
        PriorityQueue<Parent> widest = new PriorityQueue<>(BY_CHILDREN);
        long nodes = 0;
        long totalBytes = 0;
        int unreadable = 0;
        Deque<String> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            String path = pending.pop();
            Stat stat = new Stat();
            List<String> children;
            try {
                client.getData().storingStatIn(stat).forPath(path);
                children = client.getChildren().forPath(path);
            } catch (KeeperException.NoAuthException e) {
                unreadable++;
                continue;
            } catch (KeeperException.NoNodeException e) {
                continue;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new StateUnavailableException("cannot survey " + path + ": " + e.getMessage(), e);
            }
            nodes++;
            totalBytes += stat.getDataLength();
            keepTop(biggest, new Znode(path, stat.getDataLength()), top);
            if (!children.isEmpty()) {
                keepTop(widest, new Parent(path, children.size()), top);
            }
            for (String child : children) {
                pending.push(path.equals("/") ? "/" + child : path + "/" + child);
            }
        }
        return new Result(nodes, totalBytes, unreadable, largestFirst(biggest, BY_BYTES), largestFirst(widest, BY_CHILDREN));
    }

    private static <T> void keepTop(PriorityQueue<T> heap, T item, int top) {
        heap.add(item);
        if (heap.size() > top) {
            heap.poll();
        }
    }

    private static <T> List<T> largestFirst(PriorityQueue<T> heap, Comparator<T> order) {
        List<T> list = new ArrayList<>(heap);
        list.sort(order.reversed());
        return List.copyOf(list);
    }
}
