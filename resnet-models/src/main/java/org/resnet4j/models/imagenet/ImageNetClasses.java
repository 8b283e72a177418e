package org.resnet4j.models.imagenet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The 1000 ImageNet (ILSVRC-2012) classes in class-index order: WordNet id and name, as shipped in the resource
 * {@code imagenet_classes.tsv} (see the README next to it for where it came from and its license).
 */
public final class ImageNetClasses {
    /** Number of classes. */
    public static final int COUNT = 1000;
    private static final String RESOURCE = "imagenet_classes.tsv";
    private static final List<String[]> CLASSES = load();

    private ImageNetClasses() {
    }

    /** The WordNet id of class {@code index}, for example {@code n01440764} for 0. */
    public static String wnid(int index) {
        return entry(index)[0];
    }

    /** The name of class {@code index}, for example {@code tench} for 0. */
    public static String name(int index) {
        return entry(index)[1];
    }

    private static String[] entry(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IndexOutOfBoundsException("ImageNet class index must be in [0, " + COUNT + "). Received: " + index);
        }
        return CLASSES.get(index);
    }

    private static List<String[]> load() {
        try (InputStream in = ImageNetClasses.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            List<String[]> rows = new ArrayList<>(COUNT);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split("\t", -1);
                if (fields.length != 2) {
                    throw new IllegalStateException(RESOURCE + " line " + (rows.size() + 1)
                            + " should be wnid<TAB>name. Received: " + line);
                }
                rows.add(fields);
            }
            if (rows.size() != COUNT) {
                throw new IllegalStateException(RESOURCE + " should list " + COUNT + " classes. Received: " + rows.size());
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
