package org.juju.agents.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.juju.agents.hook.HookFixture.CACHE;
import static org.juju.agents.hook.HookFixture.DB;
import static org.juju.agents.hook.HookFixture.DB_CHANGED;
import static org.juju.agents.hook.HookFixture.MYSQL0;
import static org.juju.agents.hook.HookFixture.UNIT;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.juju.provider.Port;
import org.juju.state.error.ConflictException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.model.RelationId;
import org.juju.state.model.UnitName;
import org.junit.jupiter.api.Test;

/** The context in isolation: caching, buffering and the rules on writes. */
class HookContextTest {
    /** Counts the reads that reach the data. */
    static class CountingData implements ContextData {
        final InMemoryContextData data;
        final AtomicInteger settingsReads = new AtomicInteger();
        final AtomicInteger configReads = new AtomicInteger();

        CountingData(InMemoryContextData data) {
            this.data = data;
        }

        @Override
        public UnitName unit() {
            return data.unit();
        }

        @Override
        public Map<String, Object> config() {
            configReads.incrementAndGet();
            return data.config();
        }

        @Override
        public String unitAddress(String key) {
            return data.unitAddress(key);
        }

        @Override
        public Map<RelationId, String> relations() {
            return data.relations();
        }

        @Override
        public List<UnitName> relationMembers(RelationId relation) {
            return data.relationMembers(relation);
        }

        @Override
        public Map<String, String> relationSettings(RelationId relation, UnitName unit) {
            settingsReads.incrementAndGet();
            return data.relationSettings(relation, unit);
        }
    }

    @Test
    void readsEachItemOnceForAConsistentView() {
        InMemoryContextData data = HookFixture.data();
        CountingData counting = new CountingData(data);
        HookContext context = new HookContext(DB_CHANGED, counting);

        assertThat(context.relationSettings(DB, MYSQL0)).containsEntry("user", "wp");
        assertThat(context.config()).containsEntry("title", "My blog");
        data.settings(DB, MYSQL0, Map.of("user", "changed meanwhile"));
        data.config("title", "changed meanwhile");

        assertThat(context.relationSettings(DB, MYSQL0)).containsEntry("user", "wp");
        assertThat(context.config()).containsEntry("title", "My blog");
        assertThat(context.config()).containsEntry("title", "My blog");
        assertThat(counting.settingsReads).hasValue(1);
        assertThat(counting.configReads).hasValue(1);
    }

    @Test
    void bufferedWritesAreReadBackAndAnEmptyValueDeletes() {
        HookContext context = new HookContext(DB_CHANGED, HookFixture.data());

        context.setRelationSettings(DB, Map.of("host", "10.0.0.2", "url", ""));

        assertThat(context.relationSettings(DB, UNIT)).isEqualTo(Map.of("host", "10.0.0.2"));
        Map<String, String> expected = new HashMap<>();
        expected.put("host", "10.0.0.2");
        expected.put("url", null);
        assertThat(context.changes().settings()).isEqualTo(Map.of(DB, expected));
    }

    @Test
    void aLaterWriteOfAKeyWins() {
        HookContext context = new HookContext(DB_CHANGED, HookFixture.data());

        context.setRelationSettings(DB, Map.of("a", "1"));
        context.setRelationSettings(DB, Map.of("a", "2"));
        context.setRelationSettings(DB, Map.of("url", "x"));
        context.setRelationSettings(DB, Map.of("url", "http://wp"));

        assertThat(context.changes().settings()).isEqualTo(Map.of(DB, Map.of("a", "2")));
    }

    @Test
    void aUnitWithoutSettingsYetMayWriteSome() {
        ContextData noOwnSettings = new CountingData(HookFixture.data()) {
            @Override
            public Map<String, String> relationSettings(RelationId relation, UnitName unit) {
                throw new NotFoundException("unit " + unit + " has no settings in relation " + relation);
            }
        };
        HookContext context = new HookContext(HookSpec.unit("install"), noOwnSettings);

        context.setRelationSettings(CACHE, Map.of("k", "v"));

        assertThat(context.changes().settings()).isEqualTo(Map.of(CACHE, Map.of("k", "v")));
        assertThat(context.relationSettings(CACHE, UNIT)).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void resolvesRelationIdsByNumberOrByName() {
        HookContext context = new HookContext(DB_CHANGED, HookFixture.data());

        assertThat(context.relation("cache:3")).isEqualTo(CACHE);
        assertThat(context.relation("3")).isEqualTo(CACHE);
        assertThatThrownBy(() -> context.relation("db:9")).isInstanceOf(NotFoundException.class)
                .hasMessage("relation id 'db:9' not found");
        assertThatThrownBy(() -> context.relation("db:3")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> context.relation("db:")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> context.relationMembers(new RelationId(9))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aBrokenHookSeesNoMembersAndCannotWriteItsRelation() {
        HookContext context = new HookContext(HookSpec.broken(DB, "db"), HookFixture.data().removeRelation(DB));

        assertThat(context.relations()).containsEntry(DB, "db");
        assertThat(context.relationMembers(DB)).isEmpty();
        assertThat(context.relationSettings(DB, UNIT)).containsEntry("url", "http://wp");
        assertThatThrownBy(() -> context.setRelationSettings(DB, Map.of("a", "1"))).isInstanceOf(ConflictException.class);
        context.setRelationSettings(CACHE, Map.of("a", "1"));
        assertThat(context.changes().settings()).containsOnlyKeys(CACHE);
    }

    @Test
    void portsOpenedThenClosedEndClosed() {
        HookContext context = new HookContext(HookSpec.unit("start"), HookFixture.data());

        context.openPort(Port.parse("80"));
        context.closePort(Port.parse("80/tcp"));
        context.closePort(Port.parse("53/udp"));
        context.openPort(Port.parse("53/UDP"));

        assertThat(context.changes().opened()).containsExactly(new Port(53, "udp"));
        assertThat(context.changes().closed()).containsExactly(new Port(80, "tcp"));
    }

    @Test
    void aSealedContextRefusesWritesButKeepsItsChanges() {
        HookContext context = new HookContext(DB_CHANGED, HookFixture.data());
        context.setStatus(new WorkloadStatus(WorkloadState.ACTIVE, null));

        context.seal();

        assertThatThrownBy(() -> context.setRelationSettings(DB, Map.of("a", "1"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("db-relation-changed has finished");
        assertThatThrownBy(() -> context.openPort(Port.parse("80"))).isInstanceOf(ConflictException.class);
        assertThat(context.changes().status()).hasValue(new WorkloadStatus(WorkloadState.ACTIVE, ""));
        assertThat(context.changes().isEmpty()).isFalse();
    }

    @Test
    void logLinesAreStampedAndPassedOnAtOnce() {
        List<LogLine> seen = new ArrayList<>();
        Clock clock = Clock.fixed(Instant.parse("2012-03-04T05:06:07Z"), ZoneOffset.UTC);
        HookContext context = new HookContext(HookSpec.unit("install"), HookFixture.data(), seen::add, clock);

        context.log(LogLevel.ERROR, "oops");

        LogLine expected = new LogLine(Instant.parse("2012-03-04T05:06:07Z"), LogLevel.ERROR, "oops");
        assertThat(seen).containsExactly(expected);
        assertThat(context.changes().logs()).containsExactly(expected);
        assertThat(context.changes().isEmpty()).as("log lines are not state").isTrue();
    }

    @Test
    void theChangesAreAnImmutableSnapshot() {
        HookContext context = new HookContext(DB_CHANGED, HookFixture.data());
        context.setRelationSettings(DB, Map.of("a", "1"));
        HookChanges before = context.changes();

        context.setRelationSettings(DB, Map.of("b", "2"));

        assertThat(before.settings().get(DB)).containsOnlyKeys("a");
        assertThatThrownBy(() -> before.settings().get(DB).put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }
}
