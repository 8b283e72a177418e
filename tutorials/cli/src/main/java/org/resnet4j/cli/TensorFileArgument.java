package org.resnet4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
