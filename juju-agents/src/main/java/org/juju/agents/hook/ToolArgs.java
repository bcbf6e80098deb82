package org.juju.agents.hook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.juju.state.error.InvalidInputException;

/**
 * A hook tool's parsed command line: options (a repeated option keeps its last value), positional
 * arguments (options may come between them; {@code --} ends the options; a lone {@code -} is
 * positional) and whether help was asked for ({@code -h}, {@code --help}).
 */
record ToolArgs(Map<ToolOption, String> options, List<String> positionals, boolean help) {
    ToolArgs {
        options = Map.copyOf(options);
        positionals = List.copyOf(positionals);
    }

    /**
     * @param allowed the options this tool accepts
     * @throws InvalidInputException for an unknown option or one missing its value
     */
    static ToolArgs parse(List<String> args, Set<ToolOption> allowed) {
        Map<ToolOption, String> options = new EnumMap<>(ToolOption.class);
        List<String> positionals = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                positionals.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
                continue;
            }
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = equals < 0 ? arg : arg.substring(0, equals);
            ToolOption option = ToolOption.of(name);
            if (option == null || !allowed.contains(option)) {
                throw new InvalidInputException("unknown option '" + name + "'");
            }
            if (equals >= 0) {
                options.put(option, arg.substring(equals + 1));
            } else if (i + 1 < args.size()) {
                options.put(option, args.get(++i));
            } else {
                throw new InvalidInputException("option " + name + " needs a value");
            }
        }
        return new ToolArgs(options, positionals, help);
    }

    Optional<String> option(ToolOption option) {
        return Optional.ofNullable(options.get(option));
    }

    /** Fails unless there are at most {@code max} positional arguments. */
    void atMost(int max) {
        if (positionals.size() > max) {
            throw new InvalidInputException("unexpected argument '" + positionals.get(max) + "'");
        }
    }
}
