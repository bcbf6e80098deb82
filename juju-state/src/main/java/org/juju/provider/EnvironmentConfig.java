package org.juju.provider;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;

/**
 * One environment's section of {@code environments.yaml}: its name, provider type and the raw
 * keys. Accessors validate on use and throw {@link InvalidInputException} whose one-line message
 * names the file, the environment and the key.
 */
public record EnvironmentConfig(String name, String type, Map<String, Object> attributes, Path source) {
    public EnvironmentConfig {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** Names the environment, its type and its keys, never their values (some are secrets). */
    @Override
    public String toString() {
        return "EnvironmentConfig[name=" + name + ", type=" + type + ", keys=" + attributes.keySet() + ", source=" + source
                + "]";
    }

    /** A required string key. */
    public String requireString(String key) {
        return optionalString(key).orElseThrow(() -> problem(key, "missing required key"));
    }

    /** An optional string key; numbers and booleans are taken as their text. */
    public Optional<String> optionalString(String key) {
        Object value = attributes.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof java.util.List) {
            throw problem(key, "expected a string, found " + YamlCodec.describe(value) + " for key");
        }
        String text = value.toString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * An optional duration key given in whole seconds (1 to 999999).
     *
     * @throws InvalidInputException naming the key when the value is not such a number
     */
    public Optional<java.time.Duration> optionalSeconds(String key) {
        return optionalString(key).map(text -> {
            if (!text.matches("[1-9]\\d{0,5}")) {
                throw problem(key, "expected a whole number of seconds, got '" + text + "', for key");
            }
            return java.time.Duration.ofSeconds(Long.parseLong(text));
        });
    }

    /**
     * An optional whole-number key between {@code min} and {@code max}.
     *
     * @throws InvalidInputException naming the key when the value is not such a number
     */
    public Optional<Integer> optionalInt(String key, int min, int max) {
        return optionalString(key).map(text -> {
            if (!text.matches("-?\\d{1,9}") || Long.parseLong(text) < min || Long.parseLong(text) > max) {
                throw problem(key, "expected a whole number from " + min + " to " + max + ", got '" + text + "', for key");
            }
            return Integer.parseInt(text);
        });
    }

    /** An optional boolean key. */
    public Optional<Boolean> optionalBoolean(String key) {
        Object value = attributes.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        throw problem(key, "expected true or false, found " + YamlCodec.describe(value) + " for key");
    }

    /** A required path key; {@code ~} at the start means the user's home directory. */
    public Path requirePath(String key) {
        String text = requireString(key);
        if (text.equals("~") || text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        return Path.of(text).toAbsolutePath().normalize();
    }

    /** An error about {@code key} of this environment, in the house one-line form. */
    public InvalidInputException problem(String key, String problem) {
        return new InvalidInputException(source.getFileName() + ": environment '" + name + "': "
                + problem + " '" + key + "'");
    }
}
