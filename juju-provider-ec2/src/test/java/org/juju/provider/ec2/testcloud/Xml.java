package org.juju.provider.ec2.testcloud;

import java.util.ArrayDeque;
import java.util.Deque;

/** A minimal XML writer for response documents: elements with escaped text, no attributes but the root namespace. */
final class Xml {
    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final Deque<String> open = new ArrayDeque<>();

    /** Starts a document whose root element declares the default namespace {@code ns} (none if null). */
    Xml(String root, String ns) {
        out.append('<').append(root);
        if (ns != null) {
            out.append(" xmlns=\"").append(ns).append('"');
        }
        out.append('>');
        open.push(root);
    }

    Xml start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    Xml end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** A text element; nothing at all if {@code value} is null. */
    Xml el(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name).append('>');
        }
        return this;
    }

    /** Closes all open elements and returns the document. */
    String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\r' -> b.append("&#13;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
