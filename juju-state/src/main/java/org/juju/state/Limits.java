package org.juju.state;

import java.util.Map;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;

/**
 * Sizes the state tree accepts for values that users and hooks choose, well under ZooKeeper's
 * 1 MiB per node (its {@code jute.maxbuffer}): a node near that limit cannot be read back by a
 * client with the default buffer, slows every watcher of it, and a transaction of several such
 * nodes fails whole. Every writer checks before it writes, so nothing oversized is stored; the
 * limits are documented in docs/state-tree.md, docs/hooks.md and docs/cli.md.
 */
public final class Limits {
    /** One unit's settings in one relation, as stored (YAML, UTF-8). */
    public static final int RELATION_SETTINGS_BYTES = 64 * 1024;
    /** A service's user config, as stored (YAML, UTF-8). */
    public static final int SERVICE_CONFIG_BYTES = 64 * 1024;
    /** A workload status message ({@code status-set}), in characters. */
    public static final int STATUS_MESSAGE_CHARS = 1024;

    private Limits() {
    }

    /**
     * @param what names the settings in the error ({@code settings of wordpress/0 in relation db:0})
     * @throws InvalidInputException if {@code settings} encode to more than {@link #RELATION_SETTINGS_BYTES}
     */
    public static void relationSettings(Map<String, ?> settings, String what) {
        encoded(settings, RELATION_SETTINGS_BYTES, what);
    }

    /**
     * @param what names the config in the error ({@code config of service 'wordpress'})
     * @throws InvalidInputException if {@code config} encodes to more than {@link #SERVICE_CONFIG_BYTES}
     */
    public static void serviceConfig(Map<String, ?> config, String what) {
        encoded(config, SERVICE_CONFIG_BYTES, what);
    }

    /** @throws InvalidInputException if {@code message} is longer than {@link #STATUS_MESSAGE_CHARS} */
    public static void statusMessage(String message) {
        if (message != null && message.length() > STATUS_MESSAGE_CHARS) {
            throw new InvalidInputException("status message of " + message.length()
                    + " characters is over the limit of " + STATUS_MESSAGE_CHARS);
        }
    }

    private static void encoded(Map<String, ?> data, int limit, String what) {
        int size = YamlCodec.dumpBytes(data).length;
        if (size > limit) {
            throw new InvalidInputException(what + " would be " + size + " bytes, over the limit of " + limit
                    + " bytes (" + limit / 1024 + " KiB); nothing was changed");
        }
    }
}
