package org.resnet4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.resnet4j.io.AtomicFiles;

/**
 * Downloads one file into a folder, bounded by timeouts and a maximum size: the bytes go to a temporary file next to
 * the target, which is renamed to the target only once its MD5 sum matches, and deleted on any failure, so the
 * target is either absent or complete and verified.
 */
final class Downloader {
    private static final int MAX_REDIRECTS = 5;

    private final Duration connectTimeout;
    private final Duration readTimeout;

    Downloader(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * A download that did not give the expected file; the message is the short reason ("HTTP 404 Not Found",
     * "connection refused", "MD5 ..., expected ...") that the loader puts in its one-line message.
     */
    static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason);
        }
    }

    /** Downloads {@code url} to {@code target}; returns the number of bytes. */
    long download(URI url, Path target, String md5, long maxBytes) throws IOException {
        long[] size = new long[1];
        // the content check throws inside the atomic write, so a download that fails it never takes the name
        AtomicFiles.write(target, temporary -> {
            MessageDigest digest = md5();
            size[0] = fetch(url, temporary, digest, maxBytes);
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(md5)) {
                throw new Failure("MD5 " + actual + ", expected " + md5 + "; deleted the download");
            }
        });
        return size[0];
    }

    private long fetch(URI url, Path temp, MessageDigest digest, long maxBytes) throws IOException {
        URLConnection connection = null;
        try {
            connection = open(url);
            long announced = connection.getContentLengthLong();
            if (announced > maxBytes) {
                throw new Failure("the server announces " + announced + " bytes, more than the limit of " + maxBytes);
            }
            long total = 0;
            try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    if (total > maxBytes) {
                        throw new Failure("more than the limit of " + maxBytes + " bytes");
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (announced >= 0 && total != announced) {
                throw new Failure("truncated: expected " + announced + " bytes, received: " + total);
            }
            return total;
        } catch (Failure e) {
            throw e;
        } catch (UnknownHostException e) {
            throw new Failure("unknown host " + e.getMessage() + "; no network?");
        } catch (ConnectException e) {
            throw new Failure("could not connect: " + e.getMessage());
        } catch (SocketTimeoutException e) {
            throw new Failure("timed out: " + e.getMessage());
        } catch (IOException e) {
            throw new Failure(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (connection instanceof HttpURLConnection http) {
                http.disconnect();
            }
        }
    }

    /**
     * Connects to {@code url}, following up to {@value #MAX_REDIRECTS} redirects itself because Java does not follow
     * one from http to https (mirrors move to https); it never follows one from https down to http.
     */
    private URLConnection open(URI url) throws IOException {
        URI current = url;
        for (int hop = 0; ; hop++) {
            URLConnection connection = current.toURL().openConnection();
            connection.setConnectTimeout(millis(connectTimeout));
            connection.setReadTimeout(millis(readTimeout));
            connection.setRequestProperty("User-Agent", "resnet4j");
            if (!(connection instanceof HttpURLConnection http)) {
                return connection;
            }
            http.setInstanceFollowRedirects(false);
            int status = http.getResponseCode();
            if (status == HttpURLConnection.HTTP_OK) {
                return connection;
            }
            String location = http.getHeaderField("Location");
            String message = http.getResponseMessage();
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            http.disconnect();
            if (!redirect || location == null) {
                throw new Failure("HTTP " + status + (message == null || message.isBlank() ? "" : " " + message));
            }
            URI next;
            try {
                next = current.resolve(location);
            } catch (IllegalArgumentException e) {
                throw new Failure("HTTP " + status + " redirects to an invalid address: " + location);
            }
            if (hop + 1 > MAX_REDIRECTS) {
                throw new Failure("more than " + MAX_REDIRECTS + " redirects, the last to " + next);
            }
            if ("https".equalsIgnoreCase(current.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
                throw new Failure("HTTP " + status + " redirects from https to " + next + "; not followed");
            }
            current = next;
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides MD5", e);
        }
    }
}
