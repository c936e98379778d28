package io.robustrec.data;

/**
 * A line of a data file that cannot be read. The message names the file, the 1-based line number and the
 * line's content, so a user can open the file at the right place.
 */
public class DataFormatException extends RuntimeException {

    private final String file;
    private final long lineNumber;
    private final String lineContent;

    /**
     * @param file        the file (as given by the caller)
     * @param lineNumber  1-based line number (0 when the problem is not tied to one line)
     * @param lineContent the offending line (cut to 200 characters in the message)
     * @param reason      what is wrong with it
     */
    public DataFormatException(String file, long lineNumber, String lineContent, String reason) {
        super(file + ":" + lineNumber + ": " + reason + ": '" + abbreviate(lineContent) + "'");
        this.file = file;
        this.lineNumber = lineNumber;
        this.lineContent = lineContent;
    }

    /** The file the bad line is in. */
    public String file() {
        return file;
    }

    /** 1-based line number of the bad line. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The bad line as read. */
    public String lineContent() {
        return lineContent;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
