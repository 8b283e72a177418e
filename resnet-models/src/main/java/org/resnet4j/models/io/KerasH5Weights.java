package org.resnet4j.models.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.ParameterStore;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * Loads Keras HDF5 weight files (the {@code model.save_weights("x.h5")} layout, also found under
 * {@code model_weights} in a full {@code model.save} file) into a model, with the pure-Java jHDF reader.
 *
 * <p>Layout: the root attribute {@code layer_names} lists the layers in order; each layer has a group of that name
 * whose attribute {@code weight_names} lists its datasets, for example {@code conv1/kernel:0}. Kernels are already
 * HWIO and dense kernels {@code [in, out]}, the layouts of this project, so no tensor is transposed. Layer names
 * are translated by {@link KerasLayerNames}; weight names by their last path element ({@code kernel},
 * {@code bias}, {@code gamma}, {@code beta}, {@code moving_mean}, {@code moving_variance}; the Keras 1 names
 * {@code W}, {@code b}, {@code running_mean} and {@code running_std}, which held the variance, are accepted too).
 *
 * <p>Loading is strict (see {@link ParameterAssignment}); names and shapes are checked before any data is read.
 */
public final class KerasH5Weights {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private KerasH5Weights() {
    }

    /**
     * The seed tutorial's {@code ResNet50()} followed by
     * {@code model.load_weights("resnet50_weights_tf_dim_ordering_tf_kernels.h5")}, in one call: builds
     * {@link ResNets#kerasSeedResNet50()} (the original Keras ResNet50 architecture) and loads {@code h5} into it.
     * The file's Caffe-style layer names ({@code conv1}, {@code bn_conv1}, {@code res2a_branch2a}, ...,
     * {@code fc1000}) are translated by {@link KerasLayerNames}.
     */
    public static Model loadSeedResNet50(Path h5) {
        Model model = ResNets.kerasSeedResNet50();
        loadInto(model, h5);
        return model;
    }

    /** Reads {@code file} and sets every parameter of {@code model}; throws {@link WeightFileException} if it cannot. */
    public static void loadInto(Model model, Path file) {
        loadInto(model.parameters(), file);
    }

    /** Reads {@code file} and sets every parameter of {@code store}; throws {@link WeightFileException} if it cannot. */
    public static void loadInto(ParameterStore store, Path file) {
        String source = "Keras weight file " + file;
        checkSignature(file, source);
        try (HdfFile hdf = open(file, source)) {
            Map<String, Dataset> datasets = datasetsByParameterName(weightsRoot(hdf, source), source);
            Map<String, Shape> shapes = new LinkedHashMap<>();
            for (Map.Entry<String, Dataset> e : datasets.entrySet()) {
                shapes.put(e.getKey(), shapeOf(e.getValue(), e.getKey(), source));
            }
            ParameterAssignment.check(store, shapes, source);
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, Dataset> e : datasets.entrySet()) {
                tensors.put(e.getKey(), read(e.getValue(), shapes.get(e.getKey()), e.getKey(), source));
            }
            ParameterAssignment.assignStrict(store, tensors, source);
        } catch (WeightFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // jHDF reports truncation and corruption with assorted runtime exceptions; give one clear message.
            throw corrupt(source, e);
        } catch (OutOfMemoryError e) {
            throw tooLarge(source, e);
        }
    }

    /**
     * The parameter names this project would give the tensors of {@code file}, with their shapes, in file order,
     * without reading any tensor data: what {@code h5ls -r} shows, translated.
     */
    public static Map<String, Shape> describe(Path file) {
        String source = "Keras weight file " + file;
        checkSignature(file, source);
        try (HdfFile hdf = open(file, source)) {
            Map<String, Shape> shapes = new LinkedHashMap<>();
            for (Map.Entry<String, Dataset> e : datasetsByParameterName(weightsRoot(hdf, source), source).entrySet()) {
                shapes.put(e.getKey(), shapeOf(e.getValue(), e.getKey(), source));
            }
            return shapes;
        } catch (WeightFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw corrupt(source, e);
        } catch (OutOfMemoryError e) {
            throw tooLarge(source, e);
        }
    }

    private static WeightFileException corrupt(String source, Throwable e) {
        return new WeightFileException(source + " is truncated or corrupt (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + ")", e);
    }

    /**
     * jHDF may still size a buffer from a length in the file's metadata (reading through a channel, or decoding a
     * dataset) before it can check it against the file, asking for one array of up to 2 GiB. Such a request fails
     * alone, leaving the heap as it was, which is why this one error is worth catching: it means the file is corrupt,
     * not that the program is out of memory (docs/reliability.md).
     */
    private static WeightFileException tooLarge(String source, OutOfMemoryError e) {
        return new WeightFileException(source + " is corrupt: its HDF5 metadata asks for more memory than the heap has"
                + " (" + e.getMessage() + ")", e);
    }

    /**
     * Opens {@code file} mapped into memory: jHDF then reads the file's structures as slices of the mapping, so a corrupt
     * length can no longer make it allocate a buffer of that length (with a file channel it does, up to 2 GiB at once,
     * which the fuzz tests found). Files beyond 2 GiB, which one mapping cannot hold, are read through the channel.
     */
    private static HdfFile open(Path file, String source) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                return new HdfFile(file);
            }
            return HdfFile.fromByteBuffer(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        } catch (IOException e) {
            throw new WeightFileException(source + " cannot be read: " + e, e);
        }
    }

    private static void checkSignature(Path file, String source) {
        byte[] head = new byte[HDF5_SIGNATURE.length];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n < head.length || !Arrays.equals(head, HDF5_SIGNATURE)) {
                throw new WeightFileException(source + " is not an HDF5 file (it does not start with the HDF5 "
                        + "signature; " + Files.size(file) + " bytes)");
            }
        } catch (IOException e) {
            throw new WeightFileException(source + " cannot be read: " + e, e);
        }
    }

    // A full model.save() file keeps the weights in the group "model_weights".
    private static Group weightsRoot(HdfFile hdf, String source) {
        if (hasAttribute(hdf, "layer_names")) {
            return hdf;
        }
        Node child = hdf.getChildren().get("model_weights");
        if (child instanceof Group g && hasAttribute(g, "layer_names")) {
            return g;
        }
        throw new WeightFileException(source + " is not a Keras weight file: the root has no attribute layer_names"
                + " and no group model_weights");
    }

    private static boolean hasAttribute(Node node, String name) {
        Map<String, Attribute> attributes = node.getAttributes();
        return attributes.containsKey(name) || attributes.containsKey(name + "0");
    }

    private static Map<String, Dataset> datasetsByParameterName(Group root, String source) {
        Map<String, Dataset> result = new LinkedHashMap<>();
        for (String layer : strings(root, "layer_names", source)) {
            Node node = root.getChildren().get(layer);
            if (!(node instanceof Group group)) {
                throw new WeightFileException(source + " lists layer " + layer + " in layer_names but has no group "
                        + "of that name");
            }
            String modelLayer = KerasLayerNames.toModelName(layer);
            for (String weightName : hasAttribute(group, "weight_names") ? strings(group, "weight_names", source)
                    : List.<String>of()) {
                Node w = childOrNull(group, weightName);
                if (!(w instanceof Dataset dataset)) {
                    throw new WeightFileException(source + " lists weight " + weightName + " of layer " + layer
                            + " but has no dataset " + layer + "/" + weightName);
                }
                String fullName = modelLayer + "/" + shortName(layer, weightName);
                if (result.put(fullName, dataset) != null) {
                    throw new WeightFileException(source + " holds two tensors for " + fullName
                            + " (second: " + layer + "/" + weightName + ")");
                }
            }
        }
        return result;
    }

    // Walks the path itself: jHDF's getByPath reports a missing child with an exception that names the backing file,
    // which a file mapped into memory does not have.
    private static Node childOrNull(Group group, String path) {
        Node node = group;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(node instanceof Group g)) {
                return null;
            }
            node = g.getChildren().get(part);
            if (node == null) {
                return null;
            }
        }
        return node == group ? null : node;
    }

    // "conv1/kernel:0" -> kernel; Keras 1 "conv1_W:0" -> kernel; "bn_conv1_running_std:0" -> moving_variance.
    static String shortName(String layer, String weightName) {
        String s = weightName.substring(weightName.lastIndexOf('/') + 1).replaceFirst(":\\d+$", "");
        if (s.startsWith(layer + "_")) {
            s = s.substring(layer.length() + 1);
        }
        switch (s) {
            case "W":
                return "kernel";
            case "b":
                return "bias";
            case "running_mean":
                return "moving_mean";
            case "running_std":
                return "moving_variance";
            default:
                return s;
        }
    }

    // Keras splits attributes larger than HDF5's 64 KiB header limit into name0, name1, ...
    private static List<String> strings(Node node, String name, String source) {
        List<String> values = new ArrayList<>();
        Map<String, Attribute> attributes = node.getAttributes();
        if (attributes.containsKey(name)) {
            addStrings(values, attributes.get(name), node, name, source);
        } else {
            for (int chunk = 0; attributes.containsKey(name + chunk); chunk++) {
                addStrings(values, attributes.get(name + chunk), node, name, source);
            }
        }
        return values;
    }

    private static void addStrings(List<String> values, Attribute attribute, Node node, String name, String source) {
        if (attribute.isEmpty() || attribute.getSize() == 0) {
            return; // Keras writes an empty float array for a layer without weights
        }
        Object data = attribute.getData();
        if (data instanceof String[] strings) {
            values.addAll(Arrays.asList(strings));
        } else if (data instanceof String single) {
            values.add(single);
        } else {
            throw new WeightFileException(source + ": attribute " + name + " of " + node.getPath()
                    + " should hold strings. Received: " + data.getClass().getSimpleName());
        }
    }

    private static Shape shapeOf(Dataset dataset, String parameter, String source) {
        int[] dims = dataset.getDimensions();
        if (dataset.isScalar() || dims.length == 0 || Arrays.stream(dims).anyMatch(d -> d <= 0)) {
            throw new WeightFileException(source + ": tensor " + parameter + " (" + dataset.getPath()
                    + ") has no usable shape. Received: dims=" + Arrays.toString(dims));
        }
        return Shape.of(dims);
    }

    private static HostTensor read(Dataset dataset, Shape shape, String parameter, String source) {
        Object flat = dataset.getDataFlat();
        float[] values;
        if (flat instanceof float[] f) {
            values = f;
        } else if (flat instanceof double[] d) {
            values = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                values[i] = (float) d[i];
            }
        } else {
            throw new WeightFileException(source + ": tensor " + parameter + " (" + dataset.getPath()
                    + ") should hold float32 or float64. Received: " + dataset.getJavaType().getSimpleName());
        }
        if (values.length != shape.size()) {
            throw new WeightFileException(source + ": tensor " + parameter + " holds " + values.length
                    + " values but its shape " + shape + " needs " + shape.size());
        }
        return HostTensor.of(shape, values);
    }
}
