package org.resnet4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link AtomicFilesKillTest}: writes {@code NEW_SIZE} bytes of {@code 'n'} to {@code TARGET} through
 * {@link AtomicFiles}, and stops at {@code PHASE} to wait for the parent to kill it: {@code mid-write} after half the
 * bytes are in the temporary file, {@code after-rename} once the write returned. It says where it is on standard
 * output, so the parent kills it at a known point rather than after a guessed delay.
 */
final class AtomicWriteChild {
    private AtomicWriteChild() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        String phase = args[2];
        byte[] half = new byte[size / 2];
        java.util.Arrays.fill(half, (byte) 'n');
        AtomicFiles.write(target, temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(half);
                out.flush();
                if (phase.equals("mid-write")) {
                    waitToBeKilled("mid-write " + temporary);
                }
                out.write(half);
            }
        });
        waitToBeKilled("after-rename");
    }

    private static void waitToBeKilled(String where) {
        System.out.println(where);
        System.out.flush();
        try {
            Thread.sleep(60_000); // the parent kills us long before; a forgotten child still ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(3);
    }
}
