package org.inventory.chaos.workload;

import org.inventory.chaos.history.Op;

import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * A buyer's checkout: reserve one or two units of a random SKU, then commit (payment went through), release
 * (cart abandoned politely) or walk away and let the hold expire. Some commits are sent on purpose around the
 * moment the hold expires, so that the log has to decide that race.
 */
public final class CheckoutClient implements Runnable {
    private final String process;
    private final Operations ops;
    private final List<String> skus;
    private final Random random;
    private final BooleanSupplier stop;
    private long sequence;

    public CheckoutClient(String process, Operations ops, List<String> skus, long seed, BooleanSupplier stop) {
        this.process = process;
        this.ops = ops;
        this.skus = skus;
        this.random = new Random(seed);
        this.stop = stop;
    }

    @Override
    public void run() {
        try {
            while (!stop.getAsBoolean()) {
                checkout();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkout() throws InterruptedException {
        String sku = skus.get(random.nextInt(skus.size()));
        long quantity = random.nextInt(5) == 0 ? 2 : 1;
        int ttl = 2 + random.nextInt(3);
        Op reserved = ops.reserve(process, random, sku, quantity, ttl, process + "-" + (++sequence), stop);
        if (reserved.type() != Op.Type.ok) {
            Thread.sleep(random.nextInt(50));
            return;
        }
        String id = reserved.str("reservation_id");
        int choice = random.nextInt(100);
        if (choice < 10) {
            // race the expiry: pay right around the moment the hold runs out
            Thread.sleep(Math.max(0, ttl * 1000L - 300 + random.nextInt(600)));
            ops.commit(process, random, id, sku, quantity, stop);
        } else if (choice < 60) {
            Thread.sleep(random.nextInt(300));
            ops.commit(process, random, id, sku, quantity, stop);
        } else if (choice < 85) {
            Thread.sleep(random.nextInt(300));
            ops.release(process, random, id, sku, quantity, stop);
        }
        // else: abandoned; the hold expires on its own
    }
}
