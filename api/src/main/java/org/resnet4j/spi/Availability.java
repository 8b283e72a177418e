package org.resnet4j.spi;

/**
 * Whether a backend can run on this machine, and if not, why, in words a user can act on
 * (for example {@code "libcuda.so.1 not found (no NVIDIA driver)"}).
 *
 * @param available true when {@link BackendProvider#create()} is expected to succeed
 * @param reason    why it is unavailable; empty when available
 */
public record Availability(boolean available, String reason) {
    public Availability {
        reason = reason == null ? "" : reason;
    }

    /** The backend can run. */
    public static Availability ok() {
        return new Availability(true, "");
    }

    /** The backend cannot run, for the given reason. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
