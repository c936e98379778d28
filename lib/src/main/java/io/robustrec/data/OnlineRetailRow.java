package io.robustrec.data;

import java.util.Objects;

/**
 * One transaction line of the UCI Online Retail data, typed but not yet cleaned.
 *
 * @param invoiceNo   invoice number ({@code C...} marks a cancellation)
 * @param stockCode   stock code as written in the file
 * @param description product description
 * @param quantity    quantity (negative for returns/cancellations)
 * @param invoiceTime invoice date-time, epoch seconds (UTC)
 * @param unitPrice   unit price in GBP
 * @param customerId  customer id without decimals, or "" when missing
 * @param country     customer country
 * @param line        1-based line (TSV) or row (XLSX) number in the source
 */
public record OnlineRetailRow(String invoiceNo, String stockCode, String description, int quantity, long invoiceTime,
                              double unitPrice, String customerId, String country, long line) {
    public OnlineRetailRow {
        Objects.requireNonNull(invoiceNo, "invoiceNo");
        Objects.requireNonNull(stockCode, "stockCode");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(country, "country");
    }

    /** Whether the row has a customer id. */
    public boolean hasCustomer() {
        return !customerId.isEmpty();
    }

    /** Whether the row belongs to a cancellation: invoice starting with C, or quantity <= 0. */
    public boolean isCancellation() {
        return invoiceNo.startsWith("C") || invoiceNo.startsWith("c") || quantity <= 0;
    }
}
