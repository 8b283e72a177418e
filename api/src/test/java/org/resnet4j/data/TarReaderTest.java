package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.resnet4j.data.DataFileBytes.gzip;
import static org.resnet4j.data.DataFileBytes.tar;
import static org.resnet4j.data.DataFileBytes.tarHeader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small tar reader: names, sizes, skipping, long names, and archives it must refuse. */
class TarReaderTest {
    @TempDir
    Path dir;

    private List<String> listing(byte[] archive) throws IOException {
        Path file = Files.write(dir.resolve("a.tar"), archive);
        List<String> names = new ArrayList<>();
        try (DataFiles.Opened opened = DataFiles.open(file)) {
            TarReader tar = new TarReader(opened);
            for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
                names.add(e.name() + ":" + e.size() + (e.regular() ? "" : ":not-regular"));
            }
        }
        return names;
    }

    @Test
    void next_listsEveryMember_skippingUnreadData() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("dir/", new byte[0]);
        members.put("dir/a.bin", new byte[700]);
        members.put("dir/b.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(listing(tar(members))).containsExactly("dir/:0", "dir/a.bin:700", "dir/b.txt:5");
        assertThat(listing(gzip(tar(members)))).containsExactly("dir/:0", "dir/a.bin:700", "dir/b.txt:5");
    }

    @Test
    void read_givesTheMemberBytes_andStopsAtItsEnd() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("x", "abc".getBytes(StandardCharsets.US_ASCII));
        members.put("y", "defg".getBytes(StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("a.tar"), tar(members));
        try (DataFiles.Opened opened = DataFiles.open(file)) {
            TarReader tar = new TarReader(opened);
            tar.next();
            tar.next();
            byte[] buffer = new byte[10];
            assertThat(tar.read(buffer, 0, 10)).isEqualTo(4);
            assertThat(new String(buffer, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("defg");
            assertThat(tar.next()).isNull();
        }
    }

    @Test
    void next_directoryType_isNotRegular() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tarHeader("folder", 0, '5'));
        out.writeBytes(new byte[1024]);
        assertThat(listing(out.toByteArray())).containsExactly("folder:0:not-regular");
    }

    @Test
    void next_gnuLongName_namesTheFollowingMember() throws IOException {
        String longName = "d/" + "n".repeat(150) + ".bin";
        byte[] nameBytes = (longName + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tarHeader("././@LongLink", nameBytes.length, 'L'));
        out.writeBytes(nameBytes);
        out.writeBytes(new byte[512 - nameBytes.length]);
        out.writeBytes(tarHeader("d/truncated-name", 3, '0'));
        out.writeBytes(new byte[512]);
        out.writeBytes(new byte[1024]);
        assertThat(listing(out.toByteArray())).containsExactly(longName + ":3");
    }

    @Test
    void next_paxPath_namesTheFollowingMember() throws IOException {
        String record = "24 path=cifar/long.bin\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tarHeader("PaxHeaders/x", record.length(), 'x'));
        out.writeBytes(record.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[512 - record.length()]);
        out.writeBytes(tarHeader("short", 0, '0'));
        out.writeBytes(new byte[1024]);
        assertThat(listing(out.toByteArray())).containsExactly("cifar/long.bin:0");
    }

    @Test
    void next_badChecksum_isNotATarArchive() throws IOException {
        byte[] archive = tar(Map.of("x", new byte[1]));
        archive[0] = 'z';
        Path file = Files.write(dir.resolve("bad.tar"), archive);
        try (DataFiles.Opened opened = DataFiles.open(file)) {
            TarReader tar = new TarReader(opened);
            assertThatThrownBy(tar::next)
                    .isInstanceOf(DataFileException.class)
                    .hasMessageMatching(java.util.regex.Pattern.quote(file.toString())
                            + ": not a tar archive \\(or corrupt\\): header checksum \\d+, computed \\d+");
        }
    }

    @Test
    void next_headerCutShort_isATruncation() throws IOException {
        byte[] archive = java.util.Arrays.copyOf(tar(Map.of("x", new byte[1])), 100);
        Path file = Files.write(dir.resolve("short.tar"), archive);
        try (DataFiles.Opened opened = DataFiles.open(file)) {
            assertThatThrownBy(new TarReader(opened)::next)
                    .hasMessage(file + ": truncated tar archive: expected a 512-byte header, received: 100 bytes");
        }
    }
}
