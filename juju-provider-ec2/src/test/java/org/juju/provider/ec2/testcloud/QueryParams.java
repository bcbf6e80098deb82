package org.juju.provider.ec2.testcloud;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Form/query string parsing and the EC2 Query protocol's numbered lists ({@code Name.1}, {@code Name.2.Sub}, ...). */
final class QueryParams {
    private QueryParams() {
    }

    /** Decodes {@code a=b&c=d} (form encoding: {@code +} is a space) into {@code into}; null or empty adds nothing. */
    static Map<String, String> parse(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return into;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(name, value);
        }
        return into;
    }

    static Map<String, String> parse(String encoded) {
        return parse(encoded, new LinkedHashMap<>());
    }

    /** The values of {@code prefix.1}, {@code prefix.2}, ... in index order. */
    static List<String> list(Map<String, String> params, String prefix) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(prefix + ".")) {
                String rest = k.substring(prefix.length() + 1);
                if (rest.matches("\\d+")) {
                    byIndex.put(Integer.parseInt(rest), e.getValue());
                }
            }
        }
        return new ArrayList<>(byIndex.values());
    }

    /** The member prefixes {@code prefix.N} that have any {@code prefix.N.*} parameter, in index order. */
    static List<String> members(Map<String, String> params, String prefix) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (String k : params.keySet()) {
            if (k.startsWith(prefix + ".")) {
                String rest = k.substring(prefix.length() + 1);
                int dot = rest.indexOf('.');
                if (dot > 0 && rest.substring(0, dot).matches("\\d+")) {
                    int n = Integer.parseInt(rest.substring(0, dot));
                    byIndex.put(n, prefix + "." + n);
                }
            }
        }
        return new ArrayList<>(byIndex.values());
    }

    /** {@code Filter.N.Name} / {@code Filter.N.Value.M} as name → values, in request order. */
    static Map<String, List<String>> filters(Map<String, String> params) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String f : members(params, "Filter")) {
            String name = params.get(f + ".Name");
            if (name != null) {
                out.computeIfAbsent(name, k -> new ArrayList<>()).addAll(list(params, f + ".Value"));
            }
        }
        return out;
    }
}
