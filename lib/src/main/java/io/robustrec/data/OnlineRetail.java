package io.robustrec.data;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.parsers.ParserConfigurationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The UCI Online Retail dataset (541,909 transaction lines, 2010-12-01 to 2011-12-09): reading and cleaning.
 *
 * <p>Reads the tab-separated mirror ({@code .tsv} or {@code .tsv.gz}, header {@code InvoiceNo StockCode Description
 * Quantity InvoiceDate UnitPrice CustomerID Country}, ISO-8601 dates) and the public {@code .xlsx} (same columns,
 * first sheet, streamed so the 23 MB workbook is never held as a DOM).
 *
 * <p>Cleaning ({@link #clean}) removes, in this order and with counts: rows without CustomerID; cancellations
 * (InvoiceNo starting with {@code C}, or Quantity {@code <= 0}); rows whose stock code is not a product. The
 * product rule: an upper-cased stock code is a product when it begins with five digits (all catalogue items look
 * like {@code 85123A} or {@code 22423}) and is not in {@link #NON_PRODUCT_CODES}. This removes postage ({@code POST},
 * {@code DOT}, {@code C2}), manual adjustments ({@code M}, {@code D}, {@code S}, {@code B}), fees ({@code BANK
 * CHARGES}, {@code AMAZONFEE}, {@code CRUK}, {@code PADS}), gift vouchers ({@code gift_0001_*}) and the
 * {@code DCGS*} test lines. Stock codes are upper-cased because the file spells some products both ways
 * ({@code 15056bl} and {@code 15056BL}). Invoice lines share one timestamp: file order is kept as the order inside a
 * basket. The 5-core and de-duplication are then ordinary {@link Preparation} steps ({@link #prepare}).
 *
 * <p>Attribution (CC BY 4.0): Chen, Sain and Guo (2012), UCI Machine Learning Repository; data shown after these
 * steps is modified from the original.
 */
public final class OnlineRetail {

    /** The header of the TSV mirror and of the XLSX first row. */
    public static final List<String> COLUMNS = List.of("InvoiceNo", "StockCode", "Description", "Quantity",
            "InvoiceDate", "UnitPrice", "CustomerID", "Country");

    /**
     * Stock codes known not to be products; the five-digit rule already excludes them, the list documents them and
     * guards against a future code that happens to start with digits.
     */
    public static final Set<String> NON_PRODUCT_CODES = Set.of("POST", "DOT", "C2", "M", "D", "S", "B",
            "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS", "DCGSSBOY", "DCGSSGIRL");

    private static final Pattern PRODUCT = Pattern.compile("^[0-9]{5}.*");

    private OnlineRetail() {
    }

    /** Whether an (upper-cased) stock code is a product under the documented rule. */
    public static boolean isProductCode(String stockCode) {
        String c = stockCode.trim().toUpperCase(Locale.ROOT);
        return !NON_PRODUCT_CODES.contains(c) && !c.startsWith("GIFT_") && !c.startsWith("DCGS")
                && PRODUCT.matcher(c).matches();
    }

    /** Reads and cleans a file ({@code .tsv}, {@code .tsv.gz} or {@code .xlsx}). */
    public static OnlineRetailCleaning load(Path path) {
        return clean(path.toString(), readRows(path));
    }

    /**
     * Reads, cleans and prepares: the report starts with the cleaning steps, followed by the {@link Preparation}
     * steps of {@code config} (for the usual setting, {@code PrepConfig.defaults("onlineretail")}: first purchase of
     * each item per customer, 5-core).
     */
    public static PreparedData prepare(Path path, PrepConfig config) {
        OnlineRetailCleaning c = load(path);
        return Preparation.prepare(c.log(), config, c.steps());
    }

    /** Reads the transaction lines of a {@code .tsv}, {@code .tsv.gz} or {@code .xlsx} file, uncleaned. */
    public static List<OnlineRetailRow> readRows(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            return readXlsx(path);
        }
        return readTsv(path);
    }

    private static List<OnlineRetailRow> readTsv(Path path) {
        String file = path.toString();
        List<OnlineRetailRow> rows = new ArrayList<>(600_000);
        try (BufferedReader r = LogFiles.open(path)) {
            String header = r.readLine();
            if (header == null) {
                throw new DataFormatException(file, 1, "", "file is empty: header " + String.join("\\t", COLUMNS) + " expected");
            }
            int[] idx = columnIndex(Arrays.asList(header.split("\t", -1)), file, header);
            int width = header.split("\t", -1).length;
            String line;
            long lineNo = 1;
            String[] f = new String[width];
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                int n = splitTabs(line, f);
                if (n != width) {
                    throw new DataFormatException(file, lineNo, line, "expected " + width + " tab-separated fields, found " + n);
                }
                rows.add(toRow(f, idx, lineNo, file, line, false));
            }
        } catch (IOException e) {
            throw LogFiles.readError(path, e);
        }
        return rows;
    }

    // String.split compiles nothing for one char but allocates a list and array per line; this reuses one array
    private static int splitTabs(String line, String[] out) {
        int n = 0;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == '\t') {
                if (n < out.length) {
                    out[n] = line.substring(start, i);
                }
                n++;
                start = i + 1;
            }
        }
        return n;
    }

    private static int[] columnIndex(List<String> header, String file, String headerLine) {
        List<String> trimmed = header.stream().map(String::trim).toList();
        int[] idx = new int[COLUMNS.size()];
        for (int k = 0; k < COLUMNS.size(); k++) {
            idx[k] = trimmed.indexOf(COLUMNS.get(k));
            if (idx[k] < 0) {
                throw new DataFormatException(file, 1, headerLine, "column '" + COLUMNS.get(k)
                        + "' is missing; the header has " + trimmed);
            }
        }
        return idx;
    }

    private static OnlineRetailRow toRow(String[] f, int[] idx, long lineNo, String file, String line, boolean excel) {
        String invoice = f[idx[0]].trim();
        String stock = f[idx[1]].trim();
        if (invoice.isEmpty() || stock.isEmpty()) {
            throw new DataFormatException(file, lineNo, line, "empty " + (invoice.isEmpty() ? "InvoiceNo" : "StockCode"));
        }
        int quantity;
        double price;
        long time;
        try {
            quantity = (int) parseNumber(f[idx[3]], excel);
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, lineNo, line, "Quantity '" + f[idx[3]] + "' is not an integer");
        }
        try {
            price = Double.parseDouble(f[idx[5]].trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, lineNo, line, "UnitPrice '" + f[idx[5]] + "' is not a number");
        }
        try {
            time = TimestampParser.parse(f[idx[4]]);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, lineNo, line, "InvoiceDate: " + e.getMessage());
        }
        String customer = f[idx[6]] == null ? "" : f[idx[6]].trim();
        if (customer.endsWith(".0")) {
            customer = customer.substring(0, customer.length() - 2); // spreadsheets store the id as a number
        }
        return new OnlineRetailRow(invoice, stock, f[idx[2]] == null ? "" : f[idx[2]], quantity, time, price,
                customer, f[idx[7]] == null ? "" : f[idx[7]].trim(), lineNo);
    }

    private static long parseNumber(String s, boolean excel) {
        String t = s.trim();
        if (excel && t.endsWith(".0")) {
            t = t.substring(0, t.length() - 2);
        }
        return Long.parseLong(t);
    }

    /**
     * Applies the row-level cleaning and returns the purchase log with counts of every removal.
     *
     * @param source name of the source, for the log and the report
     * @param rows   rows as read
     * @throws IllegalStateException when a step removes every row (naming the step and the counts)
     */
    public static OnlineRetailCleaning clean(String source, List<OnlineRetailRow> rows) {
        List<PrepStep> steps = new ArrayList<>();
        List<OnlineRetailRow> a = new ArrayList<>(rows.size());
        for (OnlineRetailRow r : rows) {
            if (r.hasCustomer()) {
                a.add(r);
            }
        }
        steps.add(check(step("no CustomerID", "rows without a customer cannot be put in a sequence", rows, a)));
        List<OnlineRetailRow> b = new ArrayList<>(a.size());
        for (OnlineRetailRow r : a) {
            if (!r.isCancellation()) {
                b.add(r);
            }
        }
        steps.add(check(step("cancellations", "InvoiceNo starting with C or Quantity <= 0", a, b)));
        List<OnlineRetailRow> c = new ArrayList<>(b.size());
        Map<String, Long> removedCodes = new TreeMap<>();
        for (OnlineRetailRow r : b) {
            if (isProductCode(r.stockCode())) {
                c.add(r);
            } else {
                removedCodes.merge(r.stockCode(), 1L, Long::sum);
            }
        }
        steps.add(check(step("non-product stock codes", "codes not starting with five digits, or listed as "
                + "non-product (POST, DOT, M, C2, BANK CHARGES, gift_*, DCGS*, ...)", b, c)));
        List<Interaction> out = new ArrayList<>(c.size());
        long lowered = 0;
        for (OnlineRetailRow r : c) {
            String item = r.stockCode().toUpperCase(Locale.ROOT);
            if (!item.equals(r.stockCode())) {
                lowered++;
            }
            out.add(new Interaction(r.customerId(), item, r.invoiceTime(), Double.NaN, r.line()));
        }
        return new OnlineRetailCleaning(new InteractionLog(source, out), rows.size(), rows.size() - a.size(),
                a.size() - b.size(), b.size() - c.size(), removedCodes, lowered, steps);
    }

    private static PrepStep step(String name, String reason, List<OnlineRetailRow> before, List<OnlineRetailRow> after) {
        return new PrepStep(name, reason, before.size(), after.size(), distinctUsers(before), distinctUsers(after),
                distinctItems(before), distinctItems(after));
    }

    private static PrepStep check(PrepStep s) {
        if (s.rowsAfter() == 0) {
            throw new IllegalStateException("Online Retail cleaning step '" + s.step() + "' removed every row: "
                    + s.rowsBefore() + " rows before, 0 after (" + s.reason() + ")");
        }
        return s;
    }

    private static int distinctUsers(List<OnlineRetailRow> rows) {
        Set<String> s = new HashSet<>();
        for (OnlineRetailRow r : rows) {
            if (r.hasCustomer()) {
                s.add(r.customerId());
            }
        }
        return s.size();
    }

    private static int distinctItems(List<OnlineRetailRow> rows) {
        Set<String> s = new HashSet<>();
        for (OnlineRetailRow r : rows) {
            s.add(r.stockCode().toUpperCase(Locale.ROOT));
        }
        return s.size();
    }

    // ---- XLSX (streaming SAX over the first sheet) ----

    private static List<OnlineRetailRow> readXlsx(Path path) {
        LogFiles.requireFile(path);
        String file = path.toString();
        List<OnlineRetailRow> rows = new ArrayList<>(600_000);
        try (OPCPackage pkg = OPCPackage.open(path.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new DataFormatException(file, 0, "", "workbook has no sheet");
            }
            RowCollector collector = new RowCollector(file, rows);
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, collector, new RawFormatter(), false));
                xml.parse(new InputSource(sheet));
            }
            if (collector.idx == null) {
                throw new DataFormatException(file, 1, "", "sheet is empty: header " + COLUMNS + " expected");
            }
        } catch (IOException e) {
            throw LogFiles.readError(path, e);
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            throw new UncheckedIOException("cannot read workbook " + path.toAbsolutePath() + ": " + e.getMessage(),
                    new IOException(e));
        }
        return rows;
    }

    /** Numbers as plain digits and date cells as ISO-8601, instead of Excel's display formats. */
    private static final class RawFormatter extends DataFormatter {
        private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, false, true).format(ISO);
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value);
            }
            return Double.toString(value);
        }
    }

    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final String file;
        private final List<OnlineRetailRow> rows;
        private final Map<Integer, String> cells = new HashMap<>();
        private int[] idx;
        private int width;
        private int rowNum;

        RowCollector(String file, List<OnlineRetailRow> rows) {
            this.file = file;
            this.rows = rows;
        }

        @Override
        public void startRow(int rowNum) {
            this.rowNum = rowNum;
            cells.clear();
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            int col = columnOf(cellReference);
            cells.put(col, formattedValue == null ? "" : formattedValue);
        }

        @Override
        public void endRow(int rowNum) {
            long excelRow = rowNum + 1L;
            if (idx == null) {
                int max = cells.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
                List<String> header = new ArrayList<>();
                for (int c = 0; c <= max; c++) {
                    header.add(cells.getOrDefault(c, ""));
                }
                width = header.size();
                idx = columnIndex(header, file, String.join("\t", header));
                return;
            }
            if (cells.isEmpty()) {
                return;
            }
            String[] f = new String[width];
            for (int c = 0; c < width; c++) {
                f[c] = cells.getOrDefault(c, "");
            }
            rows.add(toRow(f, idx, excelRow, file, String.join("\t", f), true));
        }

        private static int columnOf(String ref) {
            int col = 0;
            for (int i = 0; i < ref.length(); i++) {
                char ch = ref.charAt(i);
                if (ch < 'A' || ch > 'Z') {
                    break;
                }
                col = col * 26 + (ch - 'A' + 1);
            }
            return col - 1;
        }
    }
}
