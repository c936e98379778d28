package io.robustrec.data;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnlineRetailTest {

    @TempDir
    Path dir;

    private static final String HEADER = "InvoiceNo\tStockCode\tDescription\tQuantity\tInvoiceDate\tUnitPrice\tCustomerID\tCountry\n";

    // line numbers in comments: header is line 1
    private static final String ROWS = ""
            + "536365\t85123A\tWHITE HANGING HEART\t6\t2010-12-01T08:26:00\t2.55\t17850\tUnited Kingdom\n" // 2 kept
            + "536365\t71053\tWHITE METAL LANTERN\t6\t2010-12-01T08:26:00\t3.39\t17850\tUnited Kingdom\n"  // 3 kept
            + "536366\t22633\tHAND WARMER\t6\t2010-12-01T08:28:00\t1.85\t\tUnited Kingdom\n"              // 4 no customer
            + "C536379\tD\tDiscount\t-1\t2010-12-01T09:41:00\t27.5\t14527\tUnited Kingdom\n"             // 5 cancellation
            + "536380\t22423\tREGENCY CAKESTAND\t-2\t2010-12-01T09:45:00\t12.75\t14527\tUnited Kingdom\n" // 6 quantity <= 0
            + "536370\tPOST\tPOSTAGE\t3\t2010-12-01T08:45:00\t18\t12583\tFrance\n"                       // 7 non-product
            + "536371\tgift_0001_10\tDotcomgiftshop Gift Voucher\t1\t2010-12-01T09:00:00\t8.5\t12583\tFrance\n" // 8 non-product
            + "536370\t15056bl\tEDWARDIAN PARASOL \"BLACK\"\t12\t2010-12-01T08:45:00\t4.95\t12583\tFrance\n" // 9 kept, upper-cased
            + "536372\t22423\tREGENCY CAKESTAND\t1\t2010-12-01 09:01\t12.75\t17850\tUnited Kingdom\n";  // 10 kept

    private Path tsvGz(String content) throws IOException {
        Path p = dir.resolve("onlineretail.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void readsAndCleansWithCounts() throws IOException {
        OnlineRetailCleaning c = OnlineRetail.load(tsvGz(HEADER + ROWS));
        assertEquals(9, c.rowsRead());
        assertEquals(1, c.missingCustomer());
        assertEquals(2, c.cancellations());
        assertEquals(2, c.nonProduct());
        assertEquals(Map.of("POST", 1L, "gift_0001_10", 1L), c.nonProductCodes());
        assertEquals(1, c.caseNormalised());
        List<Interaction> ev = c.log().interactions();
        assertEquals(4, ev.size());
        assertEquals(new Interaction("17850", "85123A", LocalDateTime.of(2010, 12, 1, 8, 26).toEpochSecond(ZoneOffset.UTC),
                Double.NaN, 2), ev.get(0));
        assertEquals("15056BL", ev.get(2).item());
        assertEquals(9, ev.get(2).line());
        assertEquals(List.of("no CustomerID", "cancellations", "non-product stock codes"),
                c.steps().stream().map(PrepStep::step).toList());
        assertEquals(9, c.steps().get(0).rowsBefore());
        assertEquals(4, c.steps().get(2).rowsAfter());
    }

    @Test
    void prepareKeepsBasketOrderAndReportsAllSteps() throws IOException {
        PreparedData p = OnlineRetail.prepare(tsvGz(HEADER + ROWS), PrepConfig.defaults("onlineretail").withMinCounts(0, 0));
        SequenceDataset ds = p.dataset();
        assertEquals(List.of("12583", "17850"), ds.users().stream().map(UserSequence::rawUserId).toList());
        assertEquals(List.of("15056BL", "22423", "71053", "85123A"), ds.rawItemIds());
        // 17850: basket 85123A, 71053 share 08:26 and keep line order, then 22423
        assertArrayEquals(new int[]{4, 3, 2}, ds.users().get(1).items());
        assertEquals(List.of("no CustomerID", "cancellations", "non-product stock codes", "input", "dedup KEEP_FIRST"),
                p.report().toTable().stringColumn("step").asList());
        assertEquals(4, p.report().steps().get(3).rowsBefore());
    }

    @Test
    void productCodeRule() {
        assertTrue(OnlineRetail.isProductCode("85123A"));
        assertTrue(OnlineRetail.isProductCode("22423"));
        assertTrue(OnlineRetail.isProductCode("15056bl"));
        for (String code : List.of("POST", "DOT", "M", "m", "C2", "D", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK",
                "PADS", "DCGSSGIRL", "DCGS0003", "gift_0001_20", "1234")) {
            assertFalse(OnlineRetail.isProductCode(code), code);
        }
    }

    @Test
    void badRowsAndHeaders() throws IOException {
        Path bad = tsvGz(HEADER + ROWS + "536373\t22423\tX\tmany\t2010-12-01T09:02:00\t1\t17850\tUK\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> OnlineRetail.readRows(bad));
        assertEquals(11, e.lineNumber());
        assertTrue(e.getMessage().contains("Quantity 'many'") && e.getMessage().contains("536373"), e.getMessage());
        Path noCol = tsvGz("InvoiceNo\tStockCode\n1\t2\n");
        DataFormatException h = assertThrows(DataFormatException.class, () -> OnlineRetail.readRows(noCol));
        assertTrue(h.getMessage().contains("'Description'") && h.getMessage().contains("[InvoiceNo, StockCode]"), h.getMessage());
        Path onlyBad = tsvGz(HEADER + "536366\t22633\tHAND WARMER\t6\t2010-12-01T08:28:00\t1.85\t\tUnited Kingdom\n");
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> OnlineRetail.load(onlyBad));
        assertTrue(empty.getMessage().contains("'no CustomerID'") && empty.getMessage().contains("1 rows before, 0 after"),
                empty.getMessage());
    }

    @Test
    void readsTheSpreadsheetForm() throws IOException {
        Path x = dir.resolve("Online Retail.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sh = wb.createSheet("Online Retail");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("m/d/yy h:mm"));
            String[] head = HEADER.trim().split("\t");
            Row h = sh.createRow(0);
            for (int c = 0; c < head.length; c++) {
                h.createCell(c).setCellValue(head[c]);
            }
            Object[][] rows = {
                    {536365.0, "85123A", "WHITE HANGING HEART", 6.0, LocalDateTime.of(2010, 12, 1, 8, 26), 2.55, 17850.0, "United Kingdom"},
                    {"C536379", "D", "Discount", -1.0, LocalDateTime.of(2010, 12, 1, 9, 41), 27.5, 14527.0, "United Kingdom"},
                    {536366.0, 22633.0, "HAND WARMER", 6.0, LocalDateTime.of(2010, 12, 1, 8, 28), 1.85, null, "United Kingdom"},
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = sh.createRow(r + 1);
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof String s) {
                        row.createCell(c).setCellValue(s);
                    } else if (v instanceof Double d) {
                        row.createCell(c).setCellValue(d);
                    } else if (v instanceof LocalDateTime t) {
                        row.createCell(c).setCellValue(t);
                        row.getCell(c).setCellStyle(date);
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(x)) {
                wb.write(out);
            }
        }
        List<OnlineRetailRow> rows = OnlineRetail.readRows(x);
        assertEquals(3, rows.size());
        OnlineRetailRow a = rows.get(0);
        assertEquals("536365", a.invoiceNo());
        assertEquals("85123A", a.stockCode());
        assertEquals(6, a.quantity());
        assertEquals(LocalDateTime.of(2010, 12, 1, 8, 26).toEpochSecond(ZoneOffset.UTC), a.invoiceTime());
        assertEquals("17850", a.customerId());
        assertEquals(2.55, a.unitPrice());
        assertEquals(2, a.line());
        assertTrue(rows.get(1).isCancellation());
        assertEquals("22633", rows.get(2).stockCode());
        assertFalse(rows.get(2).hasCustomer());
        OnlineRetailCleaning c = OnlineRetail.clean(x.toString(), rows);
        assertEquals(1, c.log().size());
        assertEquals(1, c.missingCustomer());
        assertEquals(1, c.cancellations());
    }

    @Test
    void movieTweetingsRatings() throws IOException {
        Path p = dir.resolve("ratings.dat");
        Files.writeString(p, "1::0114508::8::1381006850\n2::0499549::9::1376753198\n2::1305591::8::1376742507\n");
        InteractionLog log = MovieTweetings.load(p);
        assertEquals(3, log.size());
        PreparedData d = MovieTweetings.prepare(p, PrepConfig.defaults("mt").withMinCounts(2, 0));
        assertEquals(1, d.dataset().numUsers());
        // user 2 rated 1305591 before 0499549
        assertEquals(List.of("0499549", "1305591"), d.dataset().rawItemIds());
        assertArrayEquals(new int[]{2, 1}, d.dataset().users().get(0).items());
        assertThrows(java.io.UncheckedIOException.class, () -> MovieTweetings.load(dir.resolve("missing.dat.gz")));
    }
}
