package org.resnet4j.models.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.resnet4j.io.Safetensors;

/**
 * The kinds of weight file ResNet4J reads, with the names the command line uses for them, and how to tell them
 * apart by their content (never by the file name).
 */
public enum WeightFormat {
    /** Decide from the file's content with {@link #detect}. */
    AUTO("auto", "a weight file of any supported kind"),
    /** A torchvision {@code state_dict} saved as safetensors ({@code safetensors.torch.save_file}). */
    TORCHVISION("torchvision", "a torchvision state_dict (safetensors)"),
    /** A Keras HDF5 weight file ({@code model.save_weights} or {@code model.save}). */
    KERAS_H5("keras-h5", "a Keras HDF5 weight file"),
    /** ResNet4J's own model file ({@link ModelFiles}): safetensors whose metadata says {@code format=resnet4j}. */
    RESNET4J("resnet4j", "a ResNet4J model file");

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_SIGNATURE = {'P', 'K', 3, 4};
    private static final int PICKLE_PROTO = 0x80;

    private final String cliName;
    private final String description;

    WeightFormat(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    /** The name on the command line: {@code auto}, {@code torchvision}, {@code keras-h5} or {@code resnet4j}. */
    public String cliName() {
        return cliName;
    }

    /** What such a file is, in words, for messages. */
    public String description() {
        return description;
    }

    /** The format called {@code cliName} (case-insensitive); anything else is refused with the valid names. */
    public static WeightFormat parse(String cliName) {
        String wanted = cliName == null ? "" : cliName.trim().toLowerCase(Locale.ROOT);
        for (WeightFormat f : values()) {
            if (f.cliName.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Unknown weight format \"" + cliName + "\". Valid formats: "
                + Arrays.stream(values()).map(WeightFormat::cliName).collect(Collectors.joining(", ")));
    }

    /**
     * The format of {@code file}, from its first bytes: the HDF5 signature means {@link #KERAS_H5}; a safetensors
     * header whose metadata has {@code format=resnet4j} means {@link #RESNET4J}, any other safetensors file
     * {@link #TORCHVISION}. Anything else is a {@link WeightFileException} that says what the file looks like
     * (empty, a PyTorch pickle or zip, text, ...). Never {@link #AUTO}.
     */
    public static WeightFormat detect(Path file) {
        byte[] head = new byte[16];
        int n;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
            size = Files.size(file);
        } catch (IOException e) {
            throw new WeightFileException("Weight file " + file + " cannot be read: " + e, e);
        }
        if (n == 0) {
            throw new WeightFileException("Weight file " + file + " is empty (0 bytes)");
        }
        if (startsWith(head, n, HDF5_SIGNATURE)) {
            return KERAS_H5;
        }
        if (looksLikeSafetensors(head, n, size)) {
            Map<String, String> metadata;
            try {
                metadata = Safetensors.readMetadata(file);
            } catch (IOException e) {
                throw new WeightFileException("Weight file " + file + " starts like a safetensors file but its header"
                        + " cannot be read: " + e.getMessage(), e);
            }
            return ModelFiles.FORMAT.equals(metadata.get(ModelFiles.FORMAT_KEY)) ? RESNET4J : TORCHVISION;
        }
        throw new WeightFileException("Weight file " + file + " is neither a Keras HDF5 file nor a safetensors file: "
                + whatItLooksLike(head, n, file) + " (first bytes " + hex(head, n) + ", " + size + " bytes in all)");
    }

    // An 8-byte little-endian header length that fits in the file, then a JSON object.
    private static boolean looksLikeSafetensors(byte[] head, int n, long size) {
        if (n < 9) {
            return false;
        }
        long headerLength = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return headerLength >= 2 && headerLength <= size - 8 && head[8] == '{';
    }

    private static String whatItLooksLike(byte[] head, int n, Path file) {
        if (startsWith(head, n, ZIP_SIGNATURE)) {
            return "it is a zip archive, the format of PyTorch's torch.save (.pt, .pth); convert a state_dict with "
                    + "safetensors.torch.save_file(torch.load(\"" + file.getFileName()
                    + "\"), \"weights.safetensors\")";
        }
        if ((head[0] & 0xFF) == PICKLE_PROTO && n > 1 && head[1] >= 2 && head[1] <= 5) {
            return "it is a Python pickle (PyTorch's legacy torch.save format); convert a state_dict with "
                    + "safetensors.torch.save_file";
        }
        boolean text = true;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xFF;
            text &= b == '\n' || b == '\r' || b == '\t' || (b >= 0x20 && b < 0x7F);
        }
        return text ? "it starts with text, perhaps an error page saved instead of the download" : "unknown content";
    }

    private static boolean startsWith(byte[] head, int n, byte[] prefix) {
        return n >= prefix.length && Arrays.equals(Arrays.copyOf(head, prefix.length), prefix);
    }

    private static String hex(byte[] head, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, 8); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xFF));
        }
        sb.append(" \"");
        for (int i = 0; i < Math.min(n, 8); i++) {
            int b = head[i] & 0xFF;
            sb.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return sb.append('"').toString();
    }
}
