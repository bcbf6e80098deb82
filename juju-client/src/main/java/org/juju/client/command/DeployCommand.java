package org.juju.client.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.juju.client.BaseCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.CharmRecord;
import org.juju.state.Deploy;
import org.juju.state.charm.Charm;
import org.juju.state.charm.CharmUrl;
import org.juju.state.codec.YamlCodec;
import org.juju.state.error.AlreadyExistsException;
import org.juju.state.error.CharmException;
import org.juju.state.error.InvalidInputException;
import org.juju.state.io.TextFiles;
import org.juju.state.model.ServiceName;
import org.juju.state.model.UnitName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Deploys a charm as a new service: publishes the charm, then writes service, config, units and
 * peer relations in one transaction. Bad input (unknown charm, bad config) changes nothing.
 */
@Command(name = "deploy", description = "Deploy a charm as a new service.")
public final class DeployCommand extends BaseCommand {
    @Option(names = "--repository", paramLabel = "DIR", description = "Local charm repository (default: $JUJU_REPOSITORY).")
    String repository;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of options, keyed by service name.")
    Path configFile;

    @Option(names = {"-n", "--num-units"}, defaultValue = "1", description = "Number of units (default 1).")
    int units;

    @Option(names = {"-u", "--upgrade"}, description = "Bump the charm's revision if it changed since it was last deployed.")
    boolean bump;

    @Parameters(index = "0", paramLabel = "CHARM", description = "Charm URL: local:[SERIES/]NAME[-REV].")
    String charm;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SERVICE", description = "Service name (default: the charm's name).")
    String serviceName;

    @Override
    protected int run() {
        try (EnvironmentSession session = connect()) {
            String series = session.state().environment().info().defaultSeries();
            CharmUrl url = CharmUrl.parse(charm, series);
            if (!url.isLocal()) {
                throw new CharmException("the charm store is not available: deploy a local charm with --repository DIR and"
                        + " local:SERIES/NAME (asked for " + url + ")");
            }
            CharmPublisher publisher = new CharmPublisher(session);
            Charm found = publisher.resolve(CharmPublisher.repository(repository, context().getenv("JUJU_REPOSITORY")), url);
            found.warnings().forEach(warning -> err().println("warning: " + warning));
            ServiceName service = ServiceName.of(serviceName != null ? serviceName : found.metadata().name());
            if (session.state().services().names().contains(service)) {
                throw new AlreadyExistsException("service '" + service + "' already exists");
            }
            Map<String, Object> config = configFor(service);
            String source = configFile == null ? "--config" : configFile.getFileName().toString();
            found.config().validate(config, source);
            CharmRecord record = publisher.publish(found, url, bump);
            List<UnitName> added = session.state().services().deploy(new Deploy(service, record, config, units, source));
            out().println("Deployed " + record.url() + " as service '" + service + "' with "
                    + Texts.plural(added.size(), "unit") + ": " + Texts.join(added) + ".");
        }
        return 0;
    }

    /** The section of the --config file for {@code service}, or no options. */
    private Map<String, Object> configFor(ServiceName service) {
        if (configFile == null) {
            return Map.of();
        }
        String name = configFile.getFileName().toString();
        String text;
        try {
            text = TextFiles.readUtf8(configFile);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read config file " + configFile + ": " + e.getMessage(), e);
        }
        Object section = YamlCodec.parseMap(text, name).get(service.value());
        if (section == null) {
            throw new InvalidInputException(name + ": no section for service '" + service
                    + "' (the file is keyed by service name)");
        }
        if (!(section instanceof Map<?, ?> map)) {
            throw new InvalidInputException(name + ": key '" + service + "': expected a mapping of options, found "
                    + YamlCodec.describe(section));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        map.forEach((k, v) -> options.put(String.valueOf(k), v));
        return options;
    }
}
