package org.juju.agents.hook;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;

/**
 * {@code relation-set [-r ID] [--file FILE] KEY=VALUE...}: buffers changes to this unit's settings.
 * An empty value deletes the key; {@code KEY=@PATH} takes the value from a file (relative to the
 * hook's working directory), so a value that starts with {@code @} can only be set through
 * {@code --file}, a YAML mapping of keys to scalar values (null deletes). Pairs on the command line
 * are applied after the file.
 */
final class RelationSetTool implements HookTool {
    /** ZooKeeper keeps a node under 1 MB; a larger value could never be committed. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    @Override
    public String name() {
        return "relation-set";
    }

    @Override
    public String usage() {
        return "[-r ID] [--file FILE] KEY=VALUE...  (KEY= deletes, KEY=@PATH reads a file)";
    }

    @Override
    public Set<ToolOption> options() {
        return EnumSet.of(ToolOption.RELATION, ToolOption.FILE);
    }

    @Override
    public void run(ToolCall call) {
        Map<String, String> values = new LinkedHashMap<>();
        String file = call.args().option(ToolOption.FILE).orElse(null);
        if (file != null) {
            fromFile(call, file, values);
        }
        List<String> pairs = call.args().positionals();
        if (pairs.isEmpty() && file == null) {
            throw new InvalidInputException("nothing to set: give KEY=VALUE pairs or --file FILE");
        }
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new InvalidInputException("expected KEY=VALUE, got '" + pair + "'");
            }
            String key = key(pair.substring(0, equals));
            String value = pair.substring(equals + 1);
            values.put(key, value.startsWith("@") ? call.read(value.substring(1), MAX_FILE_BYTES) : value);
        }
        call.context().setRelationSettings(call.relation(), values);
    }

    private static void fromFile(ToolCall call, String file, Map<String, String> values) {
        Map<String, Object> parsed = YamlCodec.parseMap(call.read(file, MAX_FILE_BYTES), file);
        parsed.forEach((key, value) -> {
            if (value instanceof Map || value instanceof List) {
                throw new InvalidInputException(file + ": the value of '" + key + "' must be a string, not "
                        + YamlCodec.describe(value));
            }
            values.put(key(key), value == null ? null : String.valueOf(value));
        });
    }

    private static String key(String key) {
        if (key.isEmpty() || !key.codePoints().noneMatch(Character::isWhitespace)) {
            throw new InvalidInputException("invalid key '" + key + "': keys are non-empty and contain no spaces");
        }
        return key;
    }
}
