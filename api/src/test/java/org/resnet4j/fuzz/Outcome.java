package org.resnet4j.fuzz;

/** How a reader treated one input. */
public enum Outcome {
    /** The reader returned normally. */
    ACCEPTED,
    /** The reader refused it with an allowed exception whose message names the file. */
    TYPED_ERROR,
    /** Anything else thrown: an unexpected exception type, an error (stack overflow, out of memory), or a typed
     * error that does not name the file. */
    CRASH,
    /** The reader took longer than the campaign's limit for one input. */
    HANG,
    /** The reader allocated more than the campaign's limit for one input (memory out of proportion to the file). */
    OVERALLOCATION;

    /** Whether this outcome is a finding that must be fixed. */
    public boolean isFinding() {
        return this == CRASH || this == HANG || this == OVERALLOCATION;
    }
}
