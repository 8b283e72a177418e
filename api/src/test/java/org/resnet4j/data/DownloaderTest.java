package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bounded, verified download from a local server: the file appears only complete and checked. */
class DownloaderTest {
    private static final byte[] CONTENT = "the bytes of a data file".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final Downloader downloader = new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5));

    private static String md5(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    private String[] folderContent() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void download_goodFile_appearsUnderItsName_withNoTemporaryLeft() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer().put("a.gz", CONTENT)) {
            Path target = dir.resolve("a.gz");
            long size = downloader.download(server.folder("files").resolve("a.gz"), target, md5(CONTENT), 1000);
            assertThat(size).isEqualTo(CONTENT.length);
            assertThat(Files.readAllBytes(target)).containsExactly(CONTENT);
            assertThat(folderContent()).containsExactly("a.gz");
        }
    }

    @Test
    void download_withoutContentLength_isReadToItsEnd() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer().put("a.gz", CONTENT)) {
            Path target = dir.resolve("a.gz");
            downloader.download(server.folder("chunked").resolve("a.gz"), target, md5(CONTENT), 1000);
            assertThat(Files.readAllBytes(target)).containsExactly(CONTENT);
        }
    }

    @Test
    void download_followsRedirects_upToFive() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer().put("a.gz", CONTENT)) {
            Path target = dir.resolve("a.gz");
            downloader.download(server.folder("moved/4").resolve("a.gz"), target, md5(CONTENT), 1000);
            assertThat(Files.readAllBytes(target)).containsExactly(CONTENT);
            assertThat(server.requests.get()).isEqualTo(6);
        }
    }

    @Test
    void download_tooManyRedirects_isRefused_leavesNothing() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer().put("a.gz", CONTENT)) {
            assertThatThrownBy(() -> downloader.download(server.folder("moved/5").resolve("a.gz"), dir.resolve("a.gz"),
                    md5(CONTENT), 1000))
                    .hasMessage("more than 5 redirects, the last to " + server.folder("files").resolve("a.gz"));
            assertThat(folderContent()).isEmpty();
        }
    }

    @Test
    void download_wrongChecksum_deletesTheDownload_andSaysBothSums() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer().put("a.gz", CONTENT)) {
            String expected = "0123456789abcdef0123456789abcdef";
            assertThatThrownBy(() -> downloader.download(server.folder("files").resolve("a.gz"), dir.resolve("a.gz"),
                    expected, 1000))
                    .isInstanceOf(Downloader.Failure.class)
                    .hasMessage("MD5 " + md5(CONTENT) + ", expected " + expected + "; deleted the download");
            assertThat(folderContent()).isEmpty();
        }
    }

    @Test
    void download_notFound_saysTheHttpStatus_leavesNothing() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer()) {
            assertThatThrownBy(() -> downloader.download(server.folder("files").resolve("a.gz"), dir.resolve("a.gz"),
                    md5(CONTENT), 1000))
                    .hasMessage("HTTP 404 Not Found");
            assertThat(folderContent()).isEmpty();
        }
    }

    @Test
    void download_serverDown_saysItCouldNotConnect_leavesNothing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/files/a.gz");
        assertThatThrownBy(() -> downloader.download(url, dir.resolve("a.gz"), md5(CONTENT), 1000))
                .isInstanceOf(Downloader.Failure.class)
                .hasMessageStartingWith("could not connect: ");
        assertThat(folderContent()).isEmpty();
    }

    @Test
    void download_announcedSizeOverTheLimit_isRefusedBeforeReading() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer().put("a.gz", CONTENT)) {
            assertThatThrownBy(() -> downloader.download(server.folder("files").resolve("a.gz"), dir.resolve("a.gz"),
                    md5(CONTENT), 10))
                    .hasMessage("the server announces " + CONTENT.length + " bytes, more than the limit of 10");
            assertThat(folderContent()).isEmpty();
        }
    }

    @Test
    void download_unannouncedSizeOverTheLimit_stopsAtTheLimit() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer().put("a.gz", CONTENT)) {
            assertThatThrownBy(() -> downloader.download(server.folder("chunked").resolve("a.gz"),
                    dir.resolve("a.gz"), md5(CONTENT), 10))
                    .hasMessage("more than the limit of 10 bytes");
            assertThat(folderContent()).isEmpty();
        }
    }

    @Test
    void download_stalledServer_timesOut_leavesNothing() throws Exception {
        Downloader impatient = new Downloader(Duration.ofSeconds(5), Duration.ofMillis(300));
        try (LocalHttpServer server = new LocalHttpServer()) {
            assertThatThrownBy(() -> impatient.download(server.folder("stalled").resolve("a.gz"), dir.resolve("a.gz"),
                    md5(CONTENT), 1000))
                    .hasMessageStartingWith("timed out: ");
            assertThat(folderContent()).isEmpty();
        }
    }
}
