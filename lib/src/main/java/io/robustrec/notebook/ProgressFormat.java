package io.robustrec.notebook;

import java.util.Locale;

/** Formats one progress line: task, bar, counts, percentage, rate, remaining time, extra text (package-private). */
final class ProgressFormat {
    private static final int BAR_WIDTH = 24;

    private ProgressFormat() {
    }

    static String line(String task, long done, long total, double elapsedSeconds, String extra) {
        StringBuilder sb = new StringBuilder();
        sb.append(task).append(' ');
        if (total > 0) {
            double frac = Math.min(1.0, Math.max(0.0, done / (double) total));
            int filled = (int) Math.round(frac * BAR_WIDTH);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
            sb.append(done).append('/').append(total);
            sb.append(String.format(Locale.ROOT, " (%3.0f%%)", 100 * frac));
        } else {
            sb.append(done);
        }
        if (elapsedSeconds > 0 && done > 0) {
            double rate = done / elapsedSeconds;
            sb.append(String.format(Locale.ROOT, " %.1f/s", rate));
            sb.append(" elapsed ").append(duration(elapsedSeconds));
            if (total > 0 && done < total) {
                sb.append(" eta ").append(duration((total - done) / rate));
            }
        }
        if (extra != null && !extra.isBlank()) {
            sb.append("  ").append(extra.replace('\n', ' ').replace('\r', ' '));
        }
        return sb.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
