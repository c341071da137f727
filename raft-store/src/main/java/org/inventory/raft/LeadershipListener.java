package org.inventory.raft;

/** Told, on the state machine's thread, when this replica starts or stops leading. */
interface LeadershipListener {
    void leaderStarted(long term);

    void leaderStopped();
}
