package dev.shale.sql.bulk;

import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The two text formats of load and dump: CSV (comma) and TSV (tab), both RFC 4180 quoting with
 * {@code "} and UTF-8, one row {@code key,value} per record. Every value round-trips exactly:
 *
 * <ul>
 *   <li>An unquoted empty field is SQL NULL; a quoted empty field ({@code ""}) is the empty string.
 *   <li>Dump quotes every non-NULL field, so commas, tabs, quotes (doubled), CR, LF, backslashes
 *       and any character stay inside their field; load also takes unquoted fields.
 *   <li>Records end with LF on dump; load takes LF, CRLF or CR. Empty lines are skipped.
 *   <li>A header record {@code key,value} comes first by default (either format); load checks it.
 * </ul>
 *
 * TSV is the same grammar with a tab between the fields (not the backslash escapes of PostgreSQL's
 * text format, with which a value {@code \N} and NULL could not both round-trip).
 */
public enum BulkFormat {
  CSV(','),
  TSV('\t');

  private final CSVFormat csv;

  BulkFormat(char delimiter) {
    this.csv =
        CSVFormat.Builder.create(CSVFormat.RFC4180)
            .setDelimiter(delimiter)
            .setQuote('"')
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setNullString("")
            .setRecordSeparator('\n')
            .setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(false)
            .setTrim(false)
            .get();
  }

  /** The format as Commons CSV reads and prints it. */
  CSVFormat csv() {
    return csv;
  }

  /** The lower-case name: {@code csv} or {@code tsv}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format called {@code name} ({@code csv} or {@code tsv}, any case), or null if there is none
   * of that name.
   */
  public static BulkFormat named(String name) {
    for (BulkFormat f : values()) {
      if (f.label().equalsIgnoreCase(name.trim())) {
        return f;
      }
    }
    return null;
  }

  /** The format a file name suggests: TSV for {@code .tsv}/{@code .tab}, else CSV. */
  public static BulkFormat forFile(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".tsv") || lower.endsWith(".tab") ? TSV : CSV;
  }
}
