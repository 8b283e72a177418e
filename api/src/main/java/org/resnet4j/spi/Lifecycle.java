package org.resnet4j.spi;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The open-then-closed state of something that serves calls from several threads: calls run concurrently while it
 * is open; closing waits for the calls in flight, then releases once; a call that comes later gets an
 * {@link IllegalStateException}. Shared by {@link AbstractCompiledModel} (calls are predictions) and
 * {@link CompiledModels} (calls are compilations), so native memory is never freed under a running call.
 */
final class Lifecycle {
    // A read lock per call and the write lock to close: calls do not wait for each other, and closing waits for
    // every call that holds the read lock. In the default (non-fair) mode a waiting close still stops new calls
    // from overtaking it, so a steady stream of calls cannot keep it waiting forever.
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Supplier<String> closedMessage;
    private boolean closed;

    /** @param closedMessage the message of the exception a call gets once this is closed */
    Lifecycle(Supplier<String> closedMessage) {
        this.closedMessage = closedMessage;
    }

    /**
     * Runs {@code call} unless closed; closing waits until it returns. {@code call} must not close this same
     * lifecycle (a read lock cannot be upgraded, so it would wait for itself).
     */
    <T> T whileOpen(Supplier<T> call) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(closedMessage.get());
            }
            return call.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Closes: waits for the calls in flight, then runs {@code release}, once. Returns whether this call closed it
     * ({@code false} when it was closed already).
     */
    boolean close(Runnable release) {
        lock.writeLock().lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            release.run();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether {@link #close} has run to its end (waits while a close is releasing). */
    boolean isClosed() {
        lock.readLock().lock();
        try {
            return closed;
        } finally {
            lock.readLock().unlock();
        }
    }
}
