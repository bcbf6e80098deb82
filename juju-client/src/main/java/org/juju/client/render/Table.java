package org.juju.client.render;

import java.util.ArrayList;
import java.util.List;

/** A text table with a header row and left-aligned columns separated by two spaces. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int width;

    public Table(String... header) {
        this.width = header.length;
        rows.add(header);
    }

    /** Adds a row; {@code null} cells print as empty. */
    public Table row(Object... cells) {
        String[] row = new String[width];
        for (int i = 0; i < width; i++) {
            row[i] = i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "";
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.size() == 1;
    }

    public String render() {
        int[] widths = new int[width];
        for (String[] row : rows) {
            for (int i = 0; i < width; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width; i++) {
                line.append(row[i]);
                if (i < width - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
