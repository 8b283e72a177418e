package org.resnet4j.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 (a free port) for the download tests: it serves the files put in it under
 * {@code /files/}, answers 404 for anything else, and can announce a size or stall to test the limits.
 */
final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger requests = new AtomicInteger();

    LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/", this::serve);
        server.createContext("/chunked/", exchange -> {
            requests.incrementAndGet();
            byte[] body = files.get(fileName(exchange));
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/moved/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            String rest = path.substring("/moved/".length());
            // /moved/N/NAME redirects to /moved/(N-1)/NAME, and /moved/0/NAME to /files/NAME.
            int slash = rest.indexOf('/');
            int hops = Integer.parseInt(rest.substring(0, slash));
            String name = rest.substring(slash + 1);
            exchange.getResponseHeaders().add("Location", hops == 0 ? "/files/" + name
                    : "/moved/" + (hops - 1) + "/" + name);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/stalled/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, 10);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[3]);
                out.flush();
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code content} as {@code /files/NAME} (and {@code /chunked/NAME}, without a length). */
    LocalHttpServer put(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    /**
     * The URL of a folder of this server: {@code files}, {@code chunked}, {@code stalled}, or {@code moved/N}, which
     * redirects N + 1 times to {@code files}.
     */
    URI folder(String folder) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + folder + "/");
    }

    private static String fileName(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] body = files.get(fileName(exchange));
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
