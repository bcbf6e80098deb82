package org.juju.state.charm.proof;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.juju.state.charm.CharmFiles;
import org.juju.state.charm.CharmMetadata;
import org.juju.state.charm.RelationSpec;

/**
 * The {@code hooks} directory. The file checks (executable, {@code #!} line, interpreter) run on
 * every file named like a hook whether or not metadata.yaml is valid; the name checks (unknown
 * hooks, relations without hooks) need valid metadata and are skipped without it.
 *
 * <p>Codes: {@code hooks-missing} (warning), {@code hooks-not-directory} (error),
 * {@code hook-not-executable}, {@code hook-no-shebang}, {@code hook-crlf}, {@code hook-dangling-symlink}
 * (errors),
 * {@code hook-interpreter-missing}, {@code hook-unknown-relation}, {@code hook-unknown-name},
 * {@code relation-without-hooks}, {@code install-hook-missing}, {@code start-hook-missing}
 * (warnings). Symlinks leading outside the charm are left to {@link FileTreeCheck}.
 */
final class HookCheck implements ProofCheck {
    private static final Pattern RELATION_HOOK = Pattern.compile("(.+)-relation-(joined|changed|departed|broken)");
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};
    private static final int FIRST_LINE_LIMIT = 256;

    @Override
    public String subject() {
        return "hook";
    }

    @Override
    public void run(ProofContext context) throws IOException {
        Path hooks = context.file("hooks");
        if (!Files.exists(hooks, LinkOption.NOFOLLOW_LINKS)) {
            context.warning("hooks-missing", "hooks", "no hooks directory: the charm's units will do nothing");
            return;
        }
        if (!Files.isDirectory(hooks)) {
            context.error("hooks-not-directory", "hooks", "expected a directory of hooks, found a file"
                    + " (a deploy refuses the charm)");
            return;
        }
        Set<String> present = new LinkedHashSet<>();
        for (Path entry : CharmFiles.hookEntries(hooks)) {
            String name = entry.getFileName().toString();
            present.add(name);
            checkEntry(context, entry, name);
        }
        context.metadata().ifPresent(metadata -> checkNames(context, metadata, present));
    }

    private void checkEntry(ProofContext context, Path entry, String name) throws IOException {
        String file = context.relative(entry);
        boolean link = Files.isSymbolicLink(entry);
        if (link && CharmFiles.escapesCharm(context.root(), entry)) {
            return;
        }
        if (!looksLikeHook(context, name)) {
            return;
        }
        if (link && !Files.exists(entry)) {
            context.error("hook-dangling-symlink", file, "symlink to " + Files.readSymbolicLink(entry)
                    + ", which does not exist");
            return;
        }
        if (!Files.isRegularFile(entry)) {
            return;
        }
        if (!CharmFiles.isOwnerExecutable(entry)) {
            context.error("hook-not-executable", file, "not executable (chmod +x " + file + ")");
        }
        checkFirstLine(context, entry, file);
    }

    /** A known hook name, or (without valid metadata) a unit hook or any relation hook. */
    private static boolean looksLikeHook(ProofContext context, String name) {
        return context.metadata().map(m -> m.hookNames().contains(name) || RELATION_HOOK.matcher(name).matches())
                .orElse(CharmMetadata.UNIT_HOOKS.contains(name) || RELATION_HOOK.matcher(name).matches());
    }

    private static void checkFirstLine(ProofContext context, Path entry, String file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(entry)) {
            head = in.readNBytes(FIRST_LINE_LIMIT);
        }
        if (startsWith(head, ELF)) {
            return;
        }
        if (!startsWith(head, new byte[] {'#', '!'})) {
            context.error("hook-no-shebang", file, "no #! line: the agent cannot execute it (start it with"
                    + " e.g. #!/bin/bash)");
            return;
        }
        String firstLine = new String(head, StandardCharsets.UTF_8).split("\n", 2)[0];
        if (firstLine.endsWith("\r")) {
            context.error("hook-crlf", file, "the #! line ends with CR (DOS line ends): the kernel looks for an"
                    + " interpreter named with the CR and fails the hook (convert it with dos2unix)");
            return;
        }
        String line = firstLine.substring(2).strip();
        List<String> words = List.of(line.split("\\s+"));
        String interpreter = words.get(0);
        if (interpreter.isEmpty() || !Files.isExecutable(Path.of(interpreter))) {
            context.warning("hook-interpreter-missing", file, "interpreter '" + interpreter
                    + "' does not exist on this machine");
        } else if (interpreter.endsWith("/env") && words.size() > 1 && !words.get(1).startsWith("-")
                && !onPath(words.get(1))) {
            context.warning("hook-interpreter-missing", file, "interpreter '" + words.get(1)
                    + "' is not on this machine's PATH");
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void checkNames(ProofContext context, CharmMetadata metadata, Set<String> present) {
        List<String> known = metadata.hookNames();
        for (String name : present) {
            if (known.contains(name)) {
                continue;
            }
            var relationHook = RELATION_HOOK.matcher(name);
            if (relationHook.matches()) {
                context.warning("hook-unknown-relation", "hooks/" + name, "hook for relation '" + relationHook.group(1)
                        + "', which metadata.yaml does not declare: it never runs");
            } else {
                context.warning("hook-unknown-name", "hooks/" + name, "not a hook name: it never runs");
            }
        }
        for (RelationSpec relation : metadata.declaredRelations()) {
            if (present.stream().noneMatch(name -> name.startsWith(relation.name() + "-relation-"))) {
                context.warning("relation-without-hooks", MetadataCheck.FILE, "relation '" + relation.name()
                        + "' has no hooks: its units will not react to it");
            }
        }
        for (String unitHook : List.of("install", "start")) {
            if (!present.contains(unitHook)) {
                context.warning(unitHook + "-hook-missing", "hooks/" + unitHook, "missing: nothing is set up when"
                        + " a unit " + (unitHook.equals("install") ? "is installed" : "starts"));
            }
        }
    }
}
