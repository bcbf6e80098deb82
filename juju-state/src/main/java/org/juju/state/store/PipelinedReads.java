package org.juju.state.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.juju.state.error.StateUnavailableException;

/**
 * Sends many reads to ZooKeeper without waiting for each answer: grouped {@value #READS_PER_REQUEST}
 * to a request (a read-only {@code multi}, which answers each read on its own: a missing or refused
 * node fails only its own read), the requests sent asynchronously with at most
 * {@value #MAX_IN_FLIGHT} reads in flight, the answers interpreted on the calling thread while
 * later ones arrive. A batch costs about one round trip instead of one per path. A server that
 * refuses the grouped request gets the reads one by one (still pipelined). No retries: a lost
 * connection fails the paths it hits, as an exhausted retry fails a single read.
 *
 * <p>Requests a {@code multi} cannot carry (reading and setting ACLs, {@link Kind#grouped} false)
 * are sent one by one, pipelined the same way. Setting an ACL is the one write sent here: it is
 * guarded by the ACL version the caller read, so each set is applied at most once and on the
 * ACL the caller saw.
 */
final class PipelinedReads {
    /** Reads sent and not answered yet, at most: bounds the memory queued in client and server. */
    static final int MAX_IN_FLIGHT = 1000;
    /**
     * Reads grouped in one request: few enough that the answer of nodes of the usual size (a few
     * hundred bytes) stays far below ZooKeeper's packet limit ({@code jute.maxbuffer}, 1 MB).
     */
    static final int READS_PER_REQUEST = 50;
    /** How long to wait for the next answer before calling ZooKeeper unavailable. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    /** One read's answer: its result code and, if it succeeded, the data and stat or the children. */
    record Answer(String path, int rc, byte[] data, Stat stat, List<String> children, List<ACL> acl) {
        Answer(String path, int rc, byte[] data, Stat stat, List<String> children) {
            this(path, rc, data, stat, children, null);
        }

        boolean ok() {
            return rc == KeeperException.Code.OK.intValue();
        }

        boolean missing() {
            return rc == KeeperException.Code.NONODE.intValue();
        }

        /** The error as the synchronous call would have thrown it. */
        KeeperException error() {
            return KeeperException.create(KeeperException.Code.get(rc), path);
        }
    }

    /** A kind of read: its operation in a grouped request, and the same read sent alone. */
    interface Kind {
        /** False for requests a {@code multi} cannot carry: they are always sent alone. */
        default boolean grouped() {
            return true;
        }

        /** True if {@code answer} is a result to interpret, false if it is the failure to report. */
        default boolean answered(Answer answer) {
            return answer.ok() || answer.missing();
        }

        Op op(String path);

        /** The answer for {@code path} from the successful result of its operation. */
        Answer answer(String path, OpResult result);

        /** Sends the read alone; its callback puts its answer, as a one-read reply, into {@code replies}. */
        void send(ZooKeeper zk, String path, BlockingQueue<Reply> replies);
    }

    /** Getting data, without a watch. */
    static final Kind GET_DATA = new Kind() {
        @Override
        public Op op(String path) {
            return Op.getData(path);
        }

        @Override
        public Answer answer(String path, OpResult result) {
            OpResult.GetDataResult data = (OpResult.GetDataResult) result;
            return new Answer(path, KeeperException.Code.OK.intValue(), data.getData(), data.getStat(), null);
        }

        @Override
        public void send(ZooKeeper zk, String path, BlockingQueue<Reply> replies) {
            zk.getData(path, false, (rc, p, ctx, data, stat) ->
                    replies.add(Reply.of(new Answer(path, rc, data, stat, null))), null);
        }
    };

    /** Listing children, without a watch. */
    static final Kind GET_CHILDREN = new Kind() {
        @Override
        public Op op(String path) {
            return Op.getChildren(path);
        }

        @Override
        public Answer answer(String path, OpResult result) {
            return new Answer(path, KeeperException.Code.OK.intValue(), null, null,
                    ((OpResult.GetChildrenResult) result).getChildren());
        }

        @Override
        public void send(ZooKeeper zk, String path, BlockingQueue<Reply> replies) {
            zk.getChildren(path, false, (rc, p, ctx, children) ->
                    replies.add(Reply.of(new Answer(path, rc, null, null, children))), null);
        }
    };

    /** A request a {@code multi} cannot carry: always sent alone. */
    private abstract static class Alone implements Kind {
        private final String name;

        Alone(String name) {
            this.name = name;
        }

        @Override
        public boolean grouped() {
            return false;
        }

        @Override
        public Op op(String path) {
            throw new UnsupportedOperationException(name + " cannot be grouped");
        }

        @Override
        public Answer answer(String path, OpResult result) {
            throw new UnsupportedOperationException(name + " cannot be grouped");
        }
    }

    /** Reading a node's ACL and its stat (the ACL version is {@code aversion}). */
    static final Kind GET_ACL = new Alone("getACL") {
        @Override
        public void send(ZooKeeper zk, String path, BlockingQueue<Reply> replies) {
            zk.getACL(path, new Stat(), (rc, p, ctx, acl, stat) ->
                    replies.add(Reply.of(new Answer(path, rc, null, stat, null, acl))), null);
        }
    };

    /**
     * Setting each path's ACL to {@code wanted}'s, if its ACL version is still the one given there
     * (a changed version is an answer, false, not a failure); a path not in {@code wanted} is a
     * programming error.
     */
    static Kind setAcl(Map<String, ? extends Map.Entry<List<ACL>, Integer>> wanted) {
        return new Alone("setACL") {
            @Override
            public boolean answered(Answer answer) {
                return answer.ok() || answer.missing() || answer.rc() == KeeperException.Code.BADVERSION.intValue();
            }

            @Override
            public void send(ZooKeeper zk, String path, BlockingQueue<Reply> replies) {
                Map.Entry<List<ACL>, Integer> acl = wanted.get(path);
                zk.setACL(path, acl.getKey(), acl.getValue(), (rc, p, ctx, stat) ->
                        replies.add(Reply.of(new Answer(path, rc, null, stat, null))), null);
            }
        };
    }

    /** The answers of one request; {@code refused} names the paths of a grouped request the server refused whole. */
    record Reply(List<Answer> answers, List<String> refused) {
        static Reply of(Answer answer) {
            return new Reply(List.of(answer), List.of());
        }
    }

    /** Turns an answer into what the single read returns; may throw what it throws. */
    @FunctionalInterface
    interface Interpretation<T> {
        T of(Answer answer);
    }

    /** Turns a failure of {@code what} into the exception the store throws for it. */
    @FunctionalInterface
    interface Translation {
        RuntimeException of(String what, Exception e);
    }

    private PipelinedReads() {
    }

    /**
     * Reads each of {@code paths} (duplicates once) on {@code zk}.
     *
     * @param translate turns a failure into what the store throws for it ({@code what} is the path)
     * @return per path, in the order given, the interpreted answer or the exception for it
     * @throws StateUnavailableException if interrupted or no answer comes within the timeout
     */
    static <T> Map<String, ReadOutcome<T>> run(ZooKeeper zk, List<String> paths, Kind kind,
                                               Interpretation<T> interpretation, Translation translate) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(paths));
        Map<String, ReadOutcome<T>> outcomes = new LinkedHashMap<>();
        distinct.forEach(path -> outcomes.put(path, null));
        BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
        int sent = 0;
        int inFlight = 0;
        int answered = 0;
        while (answered < distinct.size()) {
            while (sent < distinct.size() && inFlight < MAX_IN_FLIGHT) {
                List<String> group = distinct.subList(sent, Math.min(distinct.size(),
                        sent + (kind.grouped() ? READS_PER_REQUEST : 1)));
                if (kind.grouped()) {
                    sendGroup(zk, group, kind, replies);
                } else {
                    kind.send(zk, group.get(0), replies);
                }
                sent += group.size();
                inFlight += group.size();
            }
            Reply reply = next(replies);
            for (String path : reply.refused()) {
                kind.send(zk, path, replies); // still in flight, one by one
            }
            for (Answer answer : reply.answers()) {
                outcomes.put(answer.path(), outcome(answer, kind, interpretation, translate));
                answered++;
                inFlight--;
            }
        }
        return outcomes;
    }

    private static void sendGroup(ZooKeeper zk, List<String> group, Kind kind, BlockingQueue<Reply> replies) {
        List<String> paths = List.copyOf(group);
        zk.multi(paths.stream().map(kind::op).toList(), (rc, p, ctx, results) -> {
            if (results != null) {
                List<Answer> answers = new ArrayList<>(paths.size());
                for (int i = 0; i < paths.size(); i++) {
                    answers.add(results.get(i) instanceof OpResult.ErrorResult error
                            ? new Answer(paths.get(i), error.getErr(), null, null, null)
                            : kind.answer(paths.get(i), results.get(i)));
                }
                replies.add(new Reply(answers, List.of()));
            } else if (lostConnection(rc)) {
                replies.add(new Reply(paths.stream().map(path -> new Answer(path, rc, null, null, null)).toList(), List.of()));
            } else {
                replies.add(new Reply(List.of(), paths)); // a server without read-only multi
            }
        }, null);
    }

    private static boolean lostConnection(int rc) {
        return rc == KeeperException.Code.CONNECTIONLOSS.intValue() || rc == KeeperException.Code.SESSIONEXPIRED.intValue();
    }

    private static <T> ReadOutcome<T> outcome(Answer answer, Kind kind, Interpretation<T> interpretation,
                                              Translation translate) {
        try {
            if (!kind.answered(answer)) {
                return ReadOutcome.failed(translate.of(answer.path(), answer.error()));
            }
            return ReadOutcome.of(interpretation.of(answer));
        } catch (RuntimeException e) {
            return ReadOutcome.failed(e);
        }
    }

    private static Reply next(BlockingQueue<Reply> replies) {
        try {
            Reply reply = replies.poll(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (reply == null) {
                throw new StateUnavailableException("ZooKeeper did not answer a pipelined read within "
                        + ANSWER_TIMEOUT.toSeconds() + " s");
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnavailableException("interrupted while waiting for ZooKeeper (pipelined reads)", e);
        }
    }
}
