package io.robustrec.notebook;

import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw table as an HTML fragment. Numbers are right-aligned and doubles shown with four significant
 * decimals (scientific notation for very large or small magnitudes), because metric tables are read by eye.
 */
public final class HtmlTables {
    /** Rows shown by default before the table is cut with a "more rows" note. */
    public static final int DEFAULT_MAX_ROWS = 100;

    private HtmlTables() {
    }

    /** HTML for the whole table, cut after {@link #DEFAULT_MAX_ROWS} rows. */
    public static String toHtml(Table table) {
        return toHtml(table, DEFAULT_MAX_ROWS);
    }

    /**
     * HTML for the table: a caption with its name, a header row, at most {@code maxRows} body rows and, when rows
     * were cut, a final note giving how many were not shown.
     */
    public static String toHtml(Table table, int maxRows) {
        if (table == null) {
            throw new IllegalArgumentException("table=null must not be null");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows=" + maxRows + " must be >= 1");
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<table class=\"robustrec-table\" style=\"border-collapse:collapse\">\n");
        if (table.name() != null && !table.name().isBlank()) {
            sb.append("<caption style=\"font-weight:bold;text-align:left\">").append(escape(table.name()))
                    .append("</caption>\n");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th style=\"padding:2px 8px;border-bottom:1px solid #888;text-align:")
                    .append(isNumeric(c) ? "right" : "left").append("\">").append(escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(maxRows, table.rowCount());
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                sb.append("<td style=\"padding:2px 8px;text-align:").append(isNumeric(c) ? "right" : "left")
                        .append("\">").append(escape(cell(c, r))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        if (shown < table.rowCount()) {
            sb.append("<p><i>").append(table.rowCount() - shown).append(" more rows not shown (")
                    .append(table.rowCount()).append(" in total)</i></p>\n");
        }
        return sb.toString();
    }

    private static boolean isNumeric(Column<?> c) {
        return c instanceof NumericColumn<?>;
    }

    private static String cell(Column<?> c, int row) {
        if (c.isMissing(row)) {
            return "";
        }
        // type checks by class: ColumnType constants are not reliably identical instances
        if (c instanceof DoubleColumn || c instanceof FloatColumn) {
            return formatDouble(((Number) c.get(row)).doubleValue());
        }
        return c.getUnformattedString(row);
    }

    /** Four decimals for ordinary magnitudes, 3-digit scientific notation for tiny or huge ones. */
    static String formatDouble(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Escapes the five HTML special characters. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
