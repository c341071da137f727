package org.inventory.bench;

/** The systems and workloads as the report names them. */
final class Names {
    static final String INV3 = "inventory 3 nodes (HTTP)";
    static final String INV5 = "inventory 5 nodes (HTTP)";
    static final String PG = "PostgreSQL (fsync, sync commit)";
    static final String REDIS = "Redis Lua (no persistence)";
    static final String REDIS_AOF = "Redis Lua (AOF always)";
    static final String JRAFT = "bare JRaft counter (3 in 1 JVM)";

    static final String HOT = "hot reserve";
    static final String PACED = "hot reserve, paced to half peak";
    static final String UNIFORM = "uniform reserve";
    static final String A = "(a) flash sale reserve+commit";
    static final String B = "(b) uniform reserve+commit";
    static final String C = "(c) browse 95/5";
    static final String C_READS = "(c) follower reads, writers apart";
    static final String D = "(d) flash sale reserve+commit";
    static final String PROPOSAL = "proposal (69 B entry)";
    static final String BATCH = "batch reserve (100 per request)";

    private Names() {
    }
}
