package org.juju.provider.ec2.testcloud;

import java.util.Collection;
import java.util.regex.Pattern;

/** EC2 filter value matching: {@code *} matches any run of characters, {@code ?} any single one; else exact. */
final class Wildcards {
    private Wildcards() {
    }

    static boolean matches(String pattern, String value) {
        if (value == null) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    /** Whether any of the patterns matches any of the values. */
    static boolean anyMatches(Collection<String> patterns, Collection<String> values) {
        for (String p : patterns) {
            for (String v : values) {
                if (matches(p, v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
