package org.inventory.chaos.check.linear;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * read-sku results no state of the model can produce, whatever the order: negative totals, more held and committed
 * than on hand (a reserve never takes more than is available, an adjustment never goes below what is reserved), more
 * on hand than every receipt invoked before the read completed. Found here in one pass, with a precise message,
 * instead of by a search that has to exhaust every order before it can say no.
 */
final class ImpossibleReads {
    private ImpossibleReads() {
    }

    static List<String> find(String sku, List<LinOp> ops) {
        List<LinOp> receipts = new ArrayList<>();
        List<LinOp> reads = new ArrayList<>();
        for (LinOp op : ops) {
            if (op.kind == LinOp.Kind.RECEIPT) {
                receipts.add(op);
            } else if (op.kind == LinOp.Kind.READ) {
                reads.add(op);
            }
        }
        receipts.sort(Comparator.comparingLong(o -> o.callPos));
        reads.sort(Comparator.comparingLong(o -> o.returnPos));
        List<String> problems = new ArrayList<>();
        int next = 0;
        long received = 0;
        for (LinOp read : reads) {
            while (next < receipts.size() && receipts.get(next).callPos < read.returnPos) {
                received += Math.max(0, receipts.get(next++).amount);
            }
            String why = null;
            if (read.onHand < 0 || read.held < 0 || read.committed < 0) {
                why = "a negative total";
            } else if (read.held + read.committed > read.onHand) {
                why = "held + committed = " + (read.held + read.committed) + " above on_hand";
            } else if (read.onHand > received) {
                why = "on_hand above the " + received + " units received by every receipt invoked before it completed";
            }
            if (why != null) {
                problems.add("SKU " + sku + ": " + read.label + " shows " + why
                        + ", which no sequence of operations produces");
            }
        }
        return problems;
    }
}
