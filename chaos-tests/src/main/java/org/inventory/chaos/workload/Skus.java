package org.inventory.chaos.workload;

import java.util.ArrayList;
import java.util.List;

/** The SKUs buyers race for: few, each with a tiny stock, so nearly every reservation contends for a last unit. */
public final class Skus {
    private Skus() {
    }

    public static List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("chaos-" + i);
        }
        return names;
    }
}
