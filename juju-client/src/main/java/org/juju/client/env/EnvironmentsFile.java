package org.juju.client.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.juju.provider.EnvironmentConfig;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;
import org.juju.state.error.NotFoundException;
import org.juju.state.io.TextFiles;

/**
 * {@code environments.yaml}: a {@code default:} name and an {@code environments:} map of name to
 * keys (each with a {@code type:}). Parsing checks the structure; each provider checks its keys.
 */
public final class EnvironmentsFile {
    private final Path path;
    private final String defaultName;
    private final Map<String, Map<String, Object>> environments;

    private EnvironmentsFile(Path path, String defaultName, Map<String, Map<String, Object>> environments) {
        this.path = path;
        this.defaultName = defaultName;
        this.environments = environments;
    }

    /**
     * Reads and checks the file.
     *
     * @throws NotFoundException     if the file does not exist (the message says how to create one)
     * @throws InvalidInputException naming the file and the key at fault
     */
    public static EnvironmentsFile read(Path path) {
        String text;
        try {
            text = TextFiles.readUtf8(path);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no environments file at " + path
                    + ": run 'juju bootstrap' to create one with a local environment");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
        }
        String name = path.getFileName().toString();
        Map<String, Object> top = YamlCodec.parseMap(text, name);
        Object envs = top.get("environments");
        if (!(envs instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new InvalidInputException(name + ": missing required key 'environments' (a mapping of environment names)");
        }
        Map<String, Map<String, Object>> environments = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String envName = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> keys)) {
                throw new InvalidInputException(name + ": environment '" + envName + "': expected a mapping of keys, found "
                        + YamlCodec.describe(e.getValue()));
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            keys.forEach((k, v) -> attrs.put(String.valueOf(k), v));
            if (!(attrs.get("type") instanceof String type) || type.isBlank()) {
                throw new InvalidInputException(name + ": environment '" + envName + "': missing required key 'type'");
            }
            environments.put(envName, attrs);
        }
        Object def = top.get("default");
        if (def != null && !environments.containsKey(String.valueOf(def))) {
            throw new InvalidInputException(name + ": key 'default' names environment '" + def + "', which is not defined");
        }
        return new EnvironmentsFile(path, def == null ? null : String.valueOf(def), environments);
    }

    /**
     * The environment chosen by {@code explicit} (-e), else {@code $JUJU_ENV}, else {@code default:},
     * else the only one.
     *
     * @throws NotFoundException     for an unknown name
     * @throws InvalidInputException when several are defined and none is chosen
     */
    public EnvironmentConfig select(String explicit, String fromEnvVar) {
        String name = Optional.ofNullable(blankToNull(explicit)).or(() -> Optional.ofNullable(blankToNull(fromEnvVar)))
                .or(() -> Optional.ofNullable(defaultName)).orElse(null);
        if (name == null) {
            if (environments.size() > 1) {
                throw new InvalidInputException(path.getFileName() + " defines several environments ("
                        + String.join(", ", environments.keySet()) + ") and no 'default': choose one with -e");
            }
            name = environments.keySet().iterator().next();
        }
        Map<String, Object> attrs = environments.get(name);
        if (attrs == null) {
            throw new NotFoundException("unknown environment '" + name + "' (" + path + " defines: "
                    + String.join(", ", environments.keySet()) + ")");
        }
        return new EnvironmentConfig(name, (String) attrs.get("type"), attrs, path);
    }

    /** The names of the environments, in file order. */
    public List<String> names() {
        return new ArrayList<>(environments.keySet());
    }

    /**
     * Writes a new file holding one environment, readable by its owner only (it holds secrets).
     *
     * @throws InvalidInputException if the file cannot be written
     */
    public static void writeNew(Path path, String name, Map<String, Object> keys) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("default", name);
        doc.put("environments", Map.of(name, keys));
        try {
            Files.createDirectories(path.getParent());
            Path temp = Files.createTempFile(path.getParent(), ".environments", ".yaml",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, YamlCodec.dump(doc), StandardCharsets.UTF_8);
            Files.move(temp, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
