package org.inventory.chaos.workload;

import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * The warehouse side: receipts that keep the tiny stocks flowing (so the race for the last unit happens again
 * and again), and now and then a unit written off as damaged, which must never take a unit that is held.
 */
public final class StockClient implements Runnable {
    private final String process;
    private final Operations ops;
    private final List<String> skus;
    private final Random random;
    private final BooleanSupplier stop;
    private final long pauseMs;
    private long sequence;

    public StockClient(String process, Operations ops, List<String> skus, long seed, long pauseMs, BooleanSupplier stop) {
        this.process = process;
        this.ops = ops;
        this.skus = skus;
        this.random = new Random(seed);
        this.pauseMs = pauseMs;
        this.stop = stop;
    }

    @Override
    public void run() {
        try {
            while (!stop.getAsBoolean()) {
                String sku = skus.get(random.nextInt(skus.size()));
                String key = process + "-" + (++sequence);
                if (random.nextInt(8) == 0) {
                    ops.adjust(process, random, sku, -1, key, stop);
                } else {
                    ops.receipt(process, random, sku, 1 + random.nextInt(3), key, stop);
                }
                Thread.sleep(pauseMs / 2 + random.nextInt((int) pauseMs));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
