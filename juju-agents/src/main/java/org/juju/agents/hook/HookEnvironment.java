package org.juju.agents.hook;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.juju.state.model.UnitName;

/**
 * The environment a hook runs with, built from scratch (nothing is inherited from the agent):
 * {@code CHARM_DIR}, {@code JUJU_UNIT_NAME}, {@code JUJU_HOOK_NAME}, {@code JUJU_AGENT_SOCKET},
 * {@code JUJU_CLIENT_ID}, {@code PATH} (the tools first, then the system directories),
 * {@code DEBIAN_FRONTEND=noninteractive}, {@code HOME} (the agent's), {@code LANG=C.UTF-8};
 * relation hooks add {@code JUJU_RELATION},
 * {@code JUJU_RELATION_ID} ({@code db:0}) and {@code JUJU_REMOTE_UNIT} (empty in {@code -broken}).
 */
record HookEnvironment(Path toolsDirectory, Path socket, String clientId) {
    static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    Map<String, String> build(Path charmDir, HookSpec spec, UnitName unit) {
        Map<String, String> env = new TreeMap<>();
        env.put("CHARM_DIR", charmDir.toString());
        env.put("JUJU_UNIT_NAME", unit.toString());
        env.put("JUJU_HOOK_NAME", spec.hookName());
        env.put("JUJU_AGENT_SOCKET", socket.toString());
        env.put("JUJU_CLIENT_ID", clientId);
        env.put("PATH", toolsDirectory + ":" + SYSTEM_PATH);
        env.put("DEBIAN_FRONTEND", "noninteractive");
        env.put("HOME", home());
        env.put("LANG", "C.UTF-8");
        if (spec.relation() != null) {
            env.put("JUJU_RELATION", spec.relationName());
            env.put("JUJU_RELATION_ID", spec.hookRelationId());
            env.put("JUJU_REMOTE_UNIT", spec.remoteUnit() == null ? "" : spec.remoteUnit().toString());
        }
        return env;
    }

    private static String home() {
        String home = System.getenv("HOME");
        return home == null || home.isEmpty() ? System.getProperty("user.home") : home;
    }
}
