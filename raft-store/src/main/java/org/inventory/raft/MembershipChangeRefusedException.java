package org.inventory.raft;

/** A membership change that would be unsafe or makes no sense (removing the last voter, breaking quorum, ...). */
public final class MembershipChangeRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MembershipChangeRefusedException(String message) {
        super(message);
    }
}
