package org.juju.state.charm;

import java.util.HexFormat;
import org.juju.state.error.InvalidInputException;

/** Parsing and quoting of {@link CharmUrl}s. */
final class CharmUrlParser {
    private static final String QUOTED_CHARS = "_:/~";

    private CharmUrlParser() {
    }

    static CharmUrl parse(String text, String defaultSeries, boolean strict) {
        if (text == null || text.isBlank()) {
            throw invalid(text, "it is empty");
        }
        String schema = CharmUrl.STORE;
        String rest = text;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            schema = text.substring(0, colon);
            rest = text.substring(colon + 1);
            if (!schema.equals(CharmUrl.STORE) && !schema.equals(CharmUrl.LOCAL)) {
                throw invalid(text, "unknown schema '" + schema + "' (expected cs: or local:)");
            }
        } else if (strict) {
            throw invalid(text, "no schema (expected cs: or local:)");
        }
        String[] parts = rest.split("/", -1);
        String user = null;
        int next = 0;
        if (parts[0].startsWith("~")) {
            if (schema.equals(CharmUrl.LOCAL)) {
                throw invalid(text, "a local charm URL cannot name a user");
            }
            user = parts[0].substring(1);
            next = 1;
        }
        int left = parts.length - next;
        if (left < 1 || left > 2) {
            throw invalid(text, "expected " + schema + ":" + (user == null ? "" : "~USER/") + "SERIES/NAME[-REVISION]");
        }
        String series = left == 2 ? parts[next] : defaultSeries;
        if (series == null || strict && left != 2) {
            throw invalid(text, "no series given (expected " + schema + ":SERIES/NAME)");
        }
        String nameAndRevision = parts[parts.length - 1];
        String name = nameAndRevision;
        Integer revision = null;
        int dash = nameAndRevision.lastIndexOf('-');
        if (dash > 0 && nameAndRevision.substring(dash + 1).matches("\\d+")) {
            String digits = nameAndRevision.substring(dash + 1);
            if (digits.length() > 9) {
                throw invalid(text, "revision " + digits + " is too large");
            }
            name = nameAndRevision.substring(0, dash);
            revision = Integer.parseInt(digits);
        }
        try {
            return new CharmUrl(schema, user, series, name, revision);
        } catch (InvalidInputException e) {
            throw invalid(text, e.getMessage());
        }
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            if (QUOTED_CHARS.indexOf(c) >= 0) {
                out.append('_').append(HexFormat.of().toHexDigits((byte) c)).append('_');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String unquote(String quoted) {
        if (quoted == null) {
            throw new InvalidInputException("invalid quoted charm URL 'null'");
        }
        StringBuilder out = new StringBuilder(quoted.length());
        int i = 0;
        while (i < quoted.length()) {
            char c = quoted.charAt(i);
            if (c != '_') {
                if (QUOTED_CHARS.indexOf(c) >= 0) {
                    throw new InvalidInputException("invalid quoted charm URL '" + quoted + "': unquoted '" + c + "'");
                }
                out.append(c);
                i++;
                continue;
            }
            char decoded = i + 3 < quoted.length() && quoted.charAt(i + 3) == '_'
                    ? decodeHex(quoted.substring(i + 1, i + 3)) : 0;
            if (QUOTED_CHARS.indexOf(decoded) < 0 || decoded == 0) {
                throw new InvalidInputException("invalid quoted charm URL '" + quoted + "': bad escape at position " + i);
            }
            out.append(decoded);
            i += 4;
        }
        return out.toString();
    }

    private static char decodeHex(String hex) {
        if (!hex.matches("[0-9a-f]{2}")) {
            return 0;
        }
        return (char) HexFormat.fromHexDigits(hex);
    }

    private static InvalidInputException invalid(String text, String problem) {
        return new InvalidInputException("invalid charm URL '" + text + "': " + problem);
    }
}
