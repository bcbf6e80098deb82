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
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.juju.state.error.StateUnavailableException;

/**
 * Sends many reads to ZooKeeper without waiting for each answer (its asynchronous API), at most
 * {@value #MAX_IN_FLIGHT} at a time, and interprets the answers on the calling thread while later
 * ones arrive. One round trip for a batch instead of one per path. No retries: a lost connection
 * fails the paths it hits, as an exhausted retry fails a single read.
 */
final class PipelinedReads {
    /** Requests sent and not answered yet, at most: bounds the memory queued in client and server. */
    static final int MAX_IN_FLIGHT = 1000;
    /** How long to wait for the next answer before calling ZooKeeper unavailable. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    /** One answer: its result code and, for a successful read, the data and stat or the children. */
    record Answer(String path, int rc, byte[] data, Stat stat, List<String> children) {
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

    /** Sends one asynchronous request whose callback puts its {@link Answer} into {@code answers}. */
    @FunctionalInterface
    interface Request {
        void send(ZooKeeper zk, String path, BlockingQueue<Answer> answers);
    }

    /** Turns an answer into what the single read returns; may throw what it throws. */
    @FunctionalInterface
    interface Interpretation<T> {
        T of(Answer answer);
    }

    /** Getting data: {@code getData} without a watch. */
    static final Request GET_DATA = (zk, path, answers) -> zk.getData(path, false,
            (rc, p, ctx, data, stat) -> answers.add(new Answer(path, rc, data, stat, null)), null);

    /** Listing children: {@code getChildren} without a watch. */
    static final Request GET_CHILDREN = (zk, path, answers) -> zk.getChildren(path, false,
            (rc, p, ctx, children) -> answers.add(new Answer(path, rc, null, null, children)), null);

    private PipelinedReads() {
    }

    /**
     * Runs {@code request} for each of {@code paths} (duplicates once) on {@code zk}.
     *
     * @param translate turns a failure into what the store throws for it ({@code what} is the path)
     * @return per path, in the order given, the interpreted answer or the exception for it
     * @throws StateUnavailableException if interrupted or no answer comes within the timeout
     */
    static <T> Map<String, ReadOutcome<T>> run(ZooKeeper zk, List<String> paths, Request request,
                                               Interpretation<T> interpretation, Translation translate) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(paths));
        Map<String, ReadOutcome<T>> outcomes = new LinkedHashMap<>();
        distinct.forEach(path -> outcomes.put(path, null));
        BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        int sent = 0;
        for (int received = 0; received < distinct.size(); received++) {
            while (sent < distinct.size() && sent - received < MAX_IN_FLIGHT) {
                request.send(zk, distinct.get(sent++), answers);
            }
            Answer answer = next(answers);
            outcomes.put(answer.path(), outcome(answer, interpretation, translate));
        }
        return outcomes;
    }

    /** Turns a failure of {@code what} into the exception the store throws for it. */
    @FunctionalInterface
    interface Translation {
        RuntimeException of(String what, Exception e);
    }

    private static <T> ReadOutcome<T> outcome(Answer answer, Interpretation<T> interpretation, Translation translate) {
        try {
            if (!answer.ok() && !answer.missing()) {
                return ReadOutcome.failed(translate.of(answer.path(), answer.error()));
            }
            return ReadOutcome.of(interpretation.of(answer));
        } catch (RuntimeException e) {
            return ReadOutcome.failed(e);
        }
    }

    private static Answer next(BlockingQueue<Answer> answers) {
        try {
            Answer answer = answers.poll(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null) {
                throw new StateUnavailableException("ZooKeeper did not answer a pipelined read within "
                        + ANSWER_TIMEOUT.toSeconds() + " s");
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnavailableException("interrupted while waiting for ZooKeeper (pipelined reads)", e);
        }
    }
}
