package org.resnet4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.resnet4j.io.Safetensors;
import org.resnet4j.io.SafetensorsFile;
import org.resnet4j.tensor.HostTensor;

/**
 * A tensor in a safetensors file as the command line names it: {@code FILE.safetensors[:NAME]}. The part after the
 * last colon is the tensor's name, unless the whole text is an existing file (a path that contains a colon).
 *
 * @param file the file
 * @param name the tensor's name, or {@code null} when none was given
 */
record TensorFileArgument(Path file, String name) {
    /** Splits {@code text}; {@code option} names the option in error messages. */
    static TensorFileArgument parse(String text, String option) {
        if (text == null || text.isBlank()) {
            throw new UsageException(option + " expects FILE.safetensors[:NAME]. Received: an empty value");
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0 || Files.exists(Path.of(text))) {
            return new TensorFileArgument(Path.of(text), null);
        }
        String file = text.substring(0, colon);
        String name = text.substring(colon + 1);
        if (file.isEmpty() || name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new UsageException(option + " expects FILE.safetensors[:NAME]. Received: " + text);
        }
        return new TensorFileArgument(Path.of(file), name);
    }

    /** The name, or {@code fallback} when none was given. */
    String nameOr(String fallback) {
        return name == null ? fallback : name;
    }

    /**
     * Reads the tensor: the one named, or, when no name was given, the file's only tensor or the one called
     * {@code preferredName}. A file that cannot be read is a failure; a name that is not in the file, or a file of
     * several tensors none of which is {@code preferredName}, is a usage error.
     *
     * @param option the option, for messages ({@code --input})
     */
    Content read(String option, String preferredName) {
        SafetensorsFile contents;
        try {
            contents = Safetensors.read(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + option + " " + file + ": " + IoMessages.describe(e), e);
        }
        String chosen = name;
        if (chosen == null) {
            if (contents.names().size() == 1) {
                chosen = contents.names().iterator().next();
            } else if (contents.contains(preferredName)) {
                chosen = preferredName;
            } else {
                throw new UsageException(option + " " + file + " holds " + contents.names().size() + " tensors "
                        + contents.names() + "; name one as FILE:NAME");
            }
        }
        if (!contents.contains(chosen)) {
            throw new UsageException(option + " " + file + " has no tensor \"" + chosen + "\". It holds: "
                    + contents.names());
        }
        return new Content(chosen, contents.tensor(chosen), contents.dtype(chosen));
    }

    /**
     * A tensor as read from its file.
     *
     * @param name   its name in the file
     * @param tensor its values, converted to float32 (integers exactly)
     * @param dtype  the element type it had in the file ({@code F32}, {@code I64}, ...)
     */
    record Content(String name, HostTensor tensor, String dtype) {
    }
}
