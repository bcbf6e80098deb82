package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.state.codec.YamlCodec;
import org.juju.state.testing.CleanOutcome;
import org.juju.state.testing.Gen;
import org.juju.state.testing.Gens;
import org.juju.state.testing.Properties;
import org.juju.state.testing.YamlGenerators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uniter's state file, damaged in any way (random text, bytes, or a valid state with any value
 * replaced or removed), loads as a state or is refused with one {@link StateFileException} line
 * naming the file: never an exception of another kind, so the agent's handling of a corrupt file
 * (see docs/hooks.md) is the only path a damaged file can take.
 */
class StateFilePropertiesTest {
    @TempDir
    Path dir;

    @Test
    void damagedTextLoadsOrIsRefusedNamingTheFile() {
        Properties.forAll("damaged text loads or is refused naming the file", 500, YamlGenerators.yamlishText(),
                text -> {
                    // a lone surrogate has no UTF-8 form: it is written as '?'
                    Path file = Files.write(dir.resolve("unit-text.yaml"), text.getBytes(StandardCharsets.UTF_8));
                    CleanOutcome.of(() -> StateFile.load(file), StateFileException.class, file.toString());
                });
    }

    @Test
    void randomBytesAreRefusedNamingTheFile() {
        Properties.forAll("random bytes are refused naming the file", 300, Gens.bytes(300), data -> {
            Path file = Files.write(dir.resolve("unit-bytes.yaml"), data);
            CleanOutcome.of(() -> StateFile.load(file), StateFileException.class, file.toString());
        });
    }

    /** Which value (an index over every key, taken modulo their number) and what replaces it. */
    private record Mutation(int leaf, Object replacement) {
    }

    @Test
    void aValidStateWithAnyValueReplacedLoadsOrIsRefused() {
        Gen<Integer> leaves = Gens.ints(0, 1000);
        Gen<Object> replacements = replacements();
        Gen<Mutation> mutations = random -> new Mutation(leaves.next(random), replacements.next(random));
        Properties.forAll("a valid state with any value replaced loads or is refused", 1000, mutations,
                mutation -> mutate(mutation.leaf(), mutation.replacement()));
    }

    private void mutate(int leaf, Object replacement) {
        Map<String, Object> data = LocalStateYaml.encode(BUSY);
        List<Map<String, Object>> parents = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        collect(data, parents, keys);
        int i = Math.floorMod(leaf, keys.size());
        if (replacement == REMOVE) {
            parents.get(i).remove(keys.get(i));
        } else {
            parents.get(i).put(keys.get(i), replacement);
        }
        Path file = write(dir.resolve("unit-mutated.yaml"), YamlCodec.dump(data));

        CleanOutcome.of(() -> StateFile.load(file), StateFileException.class, file.toString())
                .ifPresent(state -> assertThat(state).isNotNull());
    }

    private static final Object REMOVE = new Object() {
        @Override
        public String toString() {
            return "<removed>";
        }
    };

    /** A state with hooks run, queued and failed (a record: one serves every try). */
    private static final LocalState BUSY = busyState();

    private static LocalState busyState() {
        Agent agent = new Agent();
        Remote remote = new Remote().config(3).relation(0, "db").member(0, "mysql/0", 2).relation(4, "cache")
                .member(4, "memcached/0", 0);
        agent.runAll(remote);
        agent.runOne(remote.member(0, "mysql/2", 1));
        agent.failNext(remote.member(4, "memcached/0", 1));
        return agent.local;
    }

    /** Every key of every mapping, depth first, with the mapping holding it. */
    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> map, List<Map<String, Object>> parents, List<String> keys) {
        for (Map.Entry<String, Object> e : new ArrayList<>(map.entrySet())) {
            parents.add(map);
            keys.add(e.getKey());
            if (e.getValue() instanceof Map<?, ?> inner) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) inner);
                map.put(e.getKey(), copy);
                collect(copy, parents, keys);
            }
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Gen<Object> replacements() {
        return Gens.oneOf(YamlGenerators.anyValue(), Gens.constant(REMOVE),
                Gens.of("run", "pending", "done", "install", "db-relation-changed", "mysql/0", "db:0", "-1",
                        "local:precise/wp-1"), Gens.of(-1, 0, 1, Integer.MAX_VALUE));
    }
}
