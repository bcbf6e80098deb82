package org.juju.client.command;

import java.util.LinkedHashMap;
import java.util.Map;
import org.juju.client.ServiceCommand;
import org.juju.client.EnvironmentSession;
import org.juju.state.charm.ConfigOption;
import org.juju.state.charm.ConfigSchema;
import org.juju.state.codec.YamlCodec;
import org.juju.state.model.ServiceName;
import picocli.CommandLine.Command;

/** Prints a service's options with their types, descriptions and values, as the original did. */
@Command(name = "get", description = "Show a service's options and their values.")
public final class GetCommand extends ServiceCommand {
    @Override
    protected int run(EnvironmentSession session, ServiceName name) {
        ConfigSchema schema = session.state().services().configSchema(name);
        Map<String, Object> userSet = session.state().services().userConfig(name);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (ConfigOption option : schema.options()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", option.type().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("description", option.description());
            boolean set = userSet.containsKey(option.name());
            entry.put("value", set ? userSet.get(option.name()) : option.defaultValue());
            if (!set) {
                entry.put("default", true);
            }
            settings.put(option.name(), entry);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("service", name.value());
        doc.put("charm", session.state().services().charmUrl(name).toString());
        doc.put("settings", settings);
        out().print(YamlCodec.dump(doc));
        return 0;
    }
}
