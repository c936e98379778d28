package io.robustrec.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadersTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            Files.writeString(p, content);
        }
        return p;
    }

    @Test
    void csvWithQuotedFieldsMappingAndMixedTimestamps() throws IOException {
        Path p = write("log.csv", "uid,title,iid,when,stars\n"
                + "u1,\"Hello, world\",i1,2011-01-02T10:00:00Z,4.5\n"
                + "u2,\"say \"\"hi\"\"\",i2,1293962400,3\n"
                + "u1,\"multi\nline\",i3,2011-01-02 10:00,1\n");
        InteractionLog log = DelimitedLogLoader.csv(new ColumnMapping("uid", "iid", "when", "stars")).load(p);
        assertEquals(3, log.size());
        Interaction a = log.interactions().get(0);
        assertEquals("u1", a.user());
        assertEquals("i1", a.item());
        assertEquals(1293962400L, a.timestamp());
        assertEquals(4.5, a.rating());
        assertEquals(2, a.line());
        assertEquals(1293962400L, log.interactions().get(1).timestamp());
        assertEquals(3.0, log.interactions().get(1).rating());
        Interaction c = log.interactions().get(2);
        assertEquals("i3", c.item());
        assertEquals(4, c.line()); // the record starts on line 4 and runs into line 5
        assertEquals(1293962400L, c.timestamp());
    }

    @Test
    void unknownColumnListsTheHeader() throws IOException {
        Path p = write("log.csv", "user,item,time\nu,i,1\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DelimitedLogLoader.csv(ColumnMapping.of("user", "item", "timestamp")).load(p));
        assertTrue(e.getMessage().contains("'timestamp'"), e.getMessage());
        assertTrue(e.getMessage().contains("[user, item, time]"), e.getMessage());
        assertEquals(1, e.lineNumber());
    }

    @Test
    void malformedLineNamesFileLineAndContent() throws IOException {
        Path p = write("bad.csv", "user_id,item_id,timestamp\nu,i,1\nu,i,yesterday\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> LogFormat.CSV.loader().load(p));
        assertEquals(3, e.lineNumber());
        assertEquals("u,i,yesterday", e.lineContent());
        assertTrue(e.getMessage().startsWith(p + ":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("u,i,yesterday"), e.getMessage());

        Path q = write("short.csv", "user_id,item_id,timestamp\nu,i\n");
        DataFormatException e2 = assertThrows(DataFormatException.class, () -> LogFormat.CSV.loader().load(q));
        assertTrue(e2.getMessage().contains("expected 3 fields"), e2.getMessage());

        Path r = write("open.csv", "user_id,item_id,timestamp\nu,\"i,1\n");
        DataFormatException e3 = assertThrows(DataFormatException.class, () -> LogFormat.CSV.loader().load(r));
        assertEquals(2, e3.lineNumber());
    }

    @Test
    void missingFileNamesThePath() {
        Path p = dir.resolve("nope.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> LogFormat.CSV.loader().load(p));
        assertTrue(e.getMessage().contains(p.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void tsvTreatsQuotesAsTextAndReadsGzip() throws IOException {
        Path p = write("log.tsv.gz", "user_id\titem_id\ttimestamp\tname\nu1\ti1\t2011-01-02T10:00:00+01:00\t7\" frame\n");
        InteractionLog log = LogFormat.TSV.loader().load(p);
        assertEquals(1, log.size());
        assertEquals(1293962400L - 3600, log.interactions().get(0).timestamp());
        assertFalse(log.interactions().get(0).hasRating());
    }

    @Test
    void movieLensFormat() throws IOException {
        Path p = write("ratings.dat.gz", "1::1074638::7::1365029107\n\n2::0104257::8::1364690142\n");
        InteractionLog log = LogFormat.MOVIELENS.loader().load(p);
        assertEquals(2, log.size());
        assertEquals("0104257", log.interactions().get(1).item());
        assertEquals(8.0, log.interactions().get(1).rating());
        assertEquals(1364690142L, log.interactions().get(1).timestamp());
        assertEquals(3, log.interactions().get(1).line());
        Path bad = write("bad.dat", "1::2::3\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> LogFormat.MOVIELENS.loader().load(bad));
        assertTrue(e.getMessage().contains(":1:") && e.getMessage().contains("1::2::3"), e.getMessage());
    }

    @Test
    void sasRecPairsUseLineOrderAsTime() throws IOException {
        Path p = write("pairs.txt", "1 10\n1\t11\n\n2 10\n");
        InteractionLog log = LogFormat.SASREC.loader().load(p);
        assertEquals(3, log.size());
        assertEquals(List.of(1L, 2L, 4L), log.interactions().stream().map(Interaction::timestamp).toList());
        Path bad = write("bad.txt", "1 10 12\n");
        assertThrows(DataFormatException.class, () -> LogFormat.SASREC.loader().load(bad));
    }

    @Test
    void sequenceFileUsesPositionAsTime() throws IOException {
        Path p = write("seq.txt", "u1 5 6 7\nu2 9\n");
        InteractionLog log = LogFormat.SEQ.loader().load(p);
        assertEquals(4, log.size());
        assertEquals(List.of("5", "6", "7", "9"), log.interactions().stream().map(Interaction::item).toList());
        assertEquals(List.of(0L, 1L, 2L, 0L), log.interactions().stream().map(Interaction::timestamp).toList());
        Path bad = write("bad.txt", "u1 5\nu2\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> LogFormat.SEQ.loader().load(bad));
        assertEquals(2, e.lineNumber());
    }

    @Test
    void recBoleAtomicInter() throws IOException {
        Path p = write("ml.inter", "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
                + "196\t242\t3\t881250949\n186\t302\t3.5\t891717742.0\n");
        InteractionLog log = LogFormat.INTER.loader().load(p);
        assertEquals(2, log.size());
        assertEquals(new Interaction("186", "302", 891717742L, 3.5, 3), log.interactions().get(1));
        Path noTime = write("x.inter", "item_id:token\tuser_id:token\na\tu\nb\tu\n");
        InteractionLog l2 = LogFormat.INTER.loader().load(noTime);
        assertEquals("u", l2.interactions().get(0).user());
        assertEquals(2L, l2.interactions().get(1).timestamp());
        Path bad = write("bad.inter", "user_id:token\titem_id:token\n1\n");
        assertThrows(DataFormatException.class, () -> LogFormat.INTER.loader().load(bad));
        Path noUser = write("nouser.inter", "uid:token\titem_id:token\n1\t2\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> LogFormat.INTER.loader().load(noUser));
        assertTrue(e.getMessage().contains("[uid, item_id]"), e.getMessage());
    }

    @Test
    void formatParsing() {
        assertEquals(LogFormat.MOVIELENS, LogFormat.parse("MovieLens"));
        assertEquals(LogFormat.INTER, LogFormat.parse(" inter "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogFormat.parse("parquet"));
        assertTrue(e.getMessage().contains("format='parquet'") && e.getMessage().contains("csv, tsv, movielens"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogFormat.parse(null));
    }

    @Test
    void timestampForms() {
        assertEquals(0L, TimestampParser.parse("1970-01-01T00:00:00Z"));
        assertEquals(60L, TimestampParser.parse("1970-01-01 00:01"));
        assertEquals(61L, TimestampParser.parse("1970-01-01T00:01:01"));
        assertEquals(-3600L, TimestampParser.parse("1970-01-01T00:00:00+01:00"));
        assertEquals(0L, TimestampParser.parse("1970-01-01T01:00:00+01:00[Europe/Paris]"));
        assertEquals(86400L, TimestampParser.parse("1970-01-02"));
        assertEquals(12L, TimestampParser.parse("12.9"));
        assertEquals(1365029107L, TimestampParser.parse("1.365029107E9"));
        assertThrows(IllegalArgumentException.class, () -> TimestampParser.parse("2011-13-01 10:00"));
        assertThrows(IllegalArgumentException.class, () -> TimestampParser.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> TimestampParser.parse(" "));
    }

    @Test
    void splitterQuoting() {
        DelimitedSplitter csv = new DelimitedSplitter(',', true);
        assertEquals(List.of("a", "b,c", "", "d\"e"), csv.split("a,\"b,c\",,\"d\"\"e\""));
        assertEquals(List.of("a", ""), csv.split("a,"));
        assertEquals(List.of("x\"y"), csv.split("x\"y")); // a quote inside an unquoted field is text
        assertThrows(IllegalArgumentException.class, () -> csv.split("\"ab\"c,d"));
        assertTrue(csv.isIncomplete("a,\"b"));
        assertFalse(csv.isIncomplete("a,\"b\"\"\""));
        assertEquals(List.of("a\"", "b"), new DelimitedSplitter('\t', false).split("a\"\tb"));
    }
}
