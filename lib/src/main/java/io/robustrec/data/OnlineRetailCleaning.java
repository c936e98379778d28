package io.robustrec.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link OnlineRetail#clean}: the purchase log and the counts of what was removed.
 *
 * @param log                 purchases by identified customers of real products (user = CustomerID, item = upper-cased
 *                            StockCode, time = InvoiceDate, no rating, line = source line)
 * @param rowsRead            transaction lines read
 * @param missingCustomer     rows without CustomerID removed
 * @param cancellations       rows of cancellations removed (InvoiceNo starting with C or Quantity <= 0), counted
 *                            among rows with a customer
 * @param nonProduct          rows with a non-product stock code removed, counted among the remaining rows
 * @param nonProductCodes     removed non-product stock codes with their row counts
 * @param caseNormalised      kept rows whose stock code was written in lower case and was upper-cased
 * @param steps               the three removals as preparation steps, for {@link PrepReport}
 */
public record OnlineRetailCleaning(InteractionLog log, long rowsRead, long missingCustomer, long cancellations,
                                   long nonProduct, Map<String, Long> nonProductCodes, long caseNormalised,
                                   List<PrepStep> steps) {
    public OnlineRetailCleaning {
        Objects.requireNonNull(log, "log");
        nonProductCodes = Map.copyOf(nonProductCodes);
        steps = List.copyOf(steps);
    }
}
