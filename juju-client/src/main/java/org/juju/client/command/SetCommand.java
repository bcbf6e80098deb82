package org.juju.client.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;
import org.juju.state.io.TextFiles;
import org.juju.state.model.ServiceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Sets service options, typed by the charm's config.yaml. All values are checked before any is
 * written; one bad value changes nothing.
 */
@Command(name = "set", description = "Set service options: KEY=VALUE... or --config FILE (an empty value resets"
        + " a non-string option to its default).")
public final class SetCommand extends BaseCommand {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of options, keyed by service name.")
    Path configFile;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE")
    List<String> assignments = List.of();

    @Override
    protected int run() {
        ServiceName name = ServiceName.of(service);
        if (configFile == null && assignments.isEmpty()) {
            throw new InvalidInputException("nothing to set: give KEY=VALUE pairs or --config FILE");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("invalid option assignment '" + assignment + "': expected KEY=VALUE");
            }
            values.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        try (EnvironmentSession session = connect()) {
            Map<String, Object> fromFile = configFile == null ? Map.of() : fileSection(name);
            String source = configFile == null ? "set" : configFile.getFileName().toString();
            session.state().services().setConfig(name, fromFile, source, values);
        }
        return 0;
    }

    private Map<String, Object> fileSection(ServiceName name) {
        String file = configFile.getFileName().toString();
        Map<String, Object> doc;
        try {
            doc = YamlCodec.parseMap(TextFiles.readUtf8(configFile), file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read config file " + configFile + ": " + e.getMessage(), e);
        }
        if (!(doc.get(name.value()) instanceof Map<?, ?> section)) {
            throw new InvalidInputException(file + ": no mapping of options for service '" + name + "'");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        section.forEach((k, v) -> options.put(String.valueOf(k), v));
        return options;
    }
}
