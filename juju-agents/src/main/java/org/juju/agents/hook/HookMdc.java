package org.juju.agents.hook;

import java.util.ArrayList;
import java.util.List;
import org.juju.state.model.UnitName;
import org.slf4j.MDC;

/**
 * The logging context of a hook: MDC keys {@code unit}, {@code hook} and, for relation hooks,
 * {@code relation} ({@code db:0}), set on the current thread until closed.
 */
final class HookMdc implements AutoCloseable {
    private final List<String> keys = new ArrayList<>();

    private HookMdc() {
    }

    static HookMdc put(UnitName unit, HookSpec spec) {
        HookMdc mdc = new HookMdc();
        mdc.put("unit", unit.toString());
        mdc.put("hook", spec.hookName());
        if (spec.relation() != null) {
            mdc.put("relation", spec.hookRelationId());
        }
        return mdc;
    }

    private void put(String key, String value) {
        MDC.put(key, value);
        keys.add(key);
    }

    @Override
    public void close() {
        keys.forEach(MDC::remove);
    }
}
