package org.juju.provider.ec2;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.juju.state.error.ProviderException;

/**
 * The jars machines run their agents and ZooKeeper from, and the hook tools (the native
 * {@code juju-hook-tool} and its links, in {@code hook-tools/}, where the unit agent looks for them
 * beside its jar), packed as one {@code tar.gz} that bootstrap uploads to the control bucket. The
 * archive is reproducible (fixed times, sorted names), so the same files give the same sha256 and
 * the same object key, and an unchanged distribution is not uploaded twice.
 *
 * @param jars      the jars, flattened into one directory
 * @param hookTools the directory of the hook tools, if found
 */
public record AgentDistribution(List<Path> jars, Optional<Path> hookTools) {
    private static final int BLOCK = 512;
    /** The directory of the hook tools in the archive (and the name looked for beside the jars). */
    public static final String HOOK_TOOLS = "hook-tools";

    public AgentDistribution {
        jars = List.copyOf(jars);
    }

    /**
     * The jars of {@code classpath} (the client's {@code java.class.path}, which holds the agents
     * too); directories are skipped.
     *
     * @throws ProviderException if it holds no jar
     */
    public static AgentDistribution fromClasspath(String classpath) {
        List<Path> jars = new ArrayList<>();
        Optional<Path> hookTools = Optional.empty();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                jars.add(path);
                if (hookTools.isEmpty()) {
                    hookTools = hookToolsNear(path);
                }
            }
        }
        if (jars.isEmpty()) {
            throw new ProviderException("the client's classpath holds no jars to give machines: run the client from"
                    + " its jars (bin/juju)");
        }
        return new AgentDistribution(jars, hookTools);
    }

    /** A {@code hook-tools} directory holding {@code juju-hook-tool} beside {@code jar} or one level up. */
    private static Optional<Path> hookToolsNear(Path jar) {
        for (Path dir = jar.getParent(); dir != null && dir.getNameCount() >= jar.getNameCount() - 2; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve(HOOK_TOOLS).resolve("juju-hook-tool"))) {
                return Optional.of(dir.resolve(HOOK_TOOLS));
            }
        }
        return Optional.empty();
    }

    /** A written archive: its file and the hex sha256 of its bytes. */
    public record Archive(Path file, String sha256) {
        /** The key of the archive in the control bucket. */
        public String key() {
            return "tools/juju-" + sha256.substring(0, 16) + ".tar.gz";
        }
    }

    /** Writes the archive into {@code dir} (one flat directory of jars; a later name wins over an equal one). */
    public Archive write(Path dir) {
        Map<String, Path> byName = new LinkedHashMap<>();
        jars.forEach(jar -> byName.putIfAbsent(jar.getFileName().toString(), jar));
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "tools", ".tar.gz");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(file), sha256))) {
                for (String name : byName.keySet().stream().sorted().toList()) {
                    writeFile(out, name, Files.readAllBytes(byName.get(name)), 0644);
                }
                if (hookTools.isPresent()) {
                    writeHookTools(out, hookTools.get());
                }
                out.write(new byte[2 * BLOCK]);
            }
            return new Archive(file, HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            throw new ProviderException("cannot write the agent distribution into " + dir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeHookTools(OutputStream out, Path dir) throws IOException {
        List<Path> entries;
        try (var files = Files.list(dir)) {
            entries = files.sorted().toList();
        }
        for (Path entry : entries) {
            String name = HOOK_TOOLS + "/" + entry.getFileName();
            if (Files.isSymbolicLink(entry)) {
                out.write(header(name, 0, 0777, '2', Files.readSymbolicLink(entry).toString()));
            } else if (Files.isRegularFile(entry)) {
                writeFile(out, name, Files.readAllBytes(entry), Files.isExecutable(entry) ? 0755 : 0644);
            }
        }
    }

    private static void writeFile(OutputStream out, String name, byte[] data, int mode) throws IOException {
        out.write(header(name, data.length, mode, '0', ""));
        out.write(data);
        out.write(new byte[(BLOCK - data.length % BLOCK) % BLOCK]);
    }

    /** A ustar header: a regular file ({@code '0'}) or a symbolic link ({@code '2'}), owned by root, time 0. */
    static byte[] header(String name, long size, int mode, char type, String link) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            throw new ProviderException("jar name too long for the agent distribution: " + name);
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0);
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = (byte) type;
        byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
        if (linkBytes.length > 100) {
            throw new ProviderException("link target too long for the agent distribution: " + link);
        }
        System.arraycopy(linkBytes, 0, header, 157, linkBytes.length);
        byte[] magic = "ustar\00000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, header, 257, magic.length);
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        byte[] checksum = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(checksum, 0, header, 148, 6);
        header[154] = 0;
        header[155] = ' ';
        return header;
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        byte[] digits = String.format("%0" + (length - 1) + "o", value).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, header, offset, length - 1);
        header[offset + length - 1] = 0;
    }
}
