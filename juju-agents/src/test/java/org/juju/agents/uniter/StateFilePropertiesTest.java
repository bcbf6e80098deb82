package org.juju.agents.uniter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.juju.state.codec.YamlCodec;
import org.juju.state.testing.CleanOutcome;
import org.juju.state.testing.ScratchDirectory;
import org.juju.state.testing.YamlArbitraries;

/**
 * The uniter's state file, damaged in any way (random text, bytes, or a valid state with any value
 * replaced or removed), loads as a state or is refused with one {@link StateFileException} line
 * naming the file: never an exception of another kind, so the agent's handling of a corrupt file
 * (see docs/hooks.md) is the only path a damaged file can take.
 */
class StateFilePropertiesTest {
    private static Path dir;

    @BeforeContainer
    static void makeDirectory() {
        dir = ScratchDirectory.create("statefile-props");
    }

    @AfterContainer
    static void removeDirectory() {
        ScratchDirectory.delete(dir);
    }

    @Property(tries = 500)
    void damagedTextLoadsOrIsRefusedNamingTheFile(@ForAll("yamlish") String text) throws IOException {
        Path file = Files.writeString(dir.resolve("unit-text.yaml"), text);
        CleanOutcome.of(() -> StateFile.load(file), StateFileException.class, file.toString());
    }

    @Property(tries = 300)
    void randomBytesAreRefusedNamingTheFile(@ForAll byte[] data) throws IOException {
        Path file = Files.write(dir.resolve("unit-bytes.yaml"), data);
        CleanOutcome.of(() -> StateFile.load(file), StateFileException.class, file.toString());
    }

    @Property(tries = 1000)
    void aValidStateWithAnyValueReplacedLoadsOrIsRefused(@ForAll("leafIndexes") int leaf,
                                                         @ForAll("replacements") Object replacement) {
        Map<String, Object> data = LocalStateYaml.encode(busyState());
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

    @Provide
    Arbitrary<String> yamlish() {
        return YamlArbitraries.yamlishText();
    }

    @Provide
    Arbitrary<Integer> leafIndexes() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<Object> replacements() {
        return Arbitraries.oneOf(YamlArbitraries.anyValue(), Arbitraries.just(REMOVE),
                Arbitraries.of("run", "pending", "done", "install", "db-relation-changed", "mysql/0", "db:0", "-1",
                        "local:precise/wp-1").map(s -> s), Arbitraries.of(-1, 0, 1, Integer.MAX_VALUE).map(n -> n));
    }
}
