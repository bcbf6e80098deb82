package org.juju.client.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.client.render.TabularStatus;
import org.juju.state.EnvironmentInfo;
import org.juju.state.codec.Json;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shows machines, services, units and relations, in the original's YAML/JSON shape or as a table. */
@Command(name = "status", description = "Show the environment's machines, services, units and relations.")
public final class StatusCommand extends BaseCommand {
    /** Output formats. */
    enum Format { yaml, json, tabular }

    @Option(names = "--format", defaultValue = "yaml", description = "yaml (default), json or tabular.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Parameters(arity = "0..*", paramLabel = "PATTERN", description = "Only services or units matching these globs.")
    List<String> patterns = List.of();

    @Override
    protected int run() {
        String text;
        try (EnvironmentSession session = connect()) {
            EnvironmentInfo info = session.state().environment().info();
            Map<String, Object> environment = new LinkedHashMap<>();
            environment.put("name", info.name());
            environment.put("provider", info.providerType());
            environment.put("zookeeper", session.connectString());
            Map<String, Object> status = session.state().status().read(environment, patterns);
            text = switch (format) {
                case yaml -> YamlCodec.dump(status);
                case json -> Json.write(status) + "\n";
                case tabular -> TabularStatus.render(status);
            };
        }
        if (output == null) {
            out().print(text);
        } else {
            try {
                Files.writeString(output, text);
            } catch (IOException e) {
                throw new InvalidInputException("cannot write " + output + ": " + e.getMessage(), e);
            }
        }
        return 0;
    }
}
