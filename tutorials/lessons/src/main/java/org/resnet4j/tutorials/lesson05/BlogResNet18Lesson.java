package org.resnet4j.tutorials.lesson05;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.resnet4j.models.resnet.MacCounter;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Activation;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Dropout;
import org.resnet4j.nn.GlobalAveragePooling2D;
import org.resnet4j.nn.Layer;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.tensor.Shape;

/**
 * Lesson 5: the seed blog's Keras ResNet-18 ({@link ResNets#blogResNet18()}) as an exercise in reading a summary.
 * Prints the summary, then for each of the nine departures from the paper (docs/blog-resnet18.md) the rows that
 * give it away, or says that a summary cannot show it and asks the layer instead; finally explains the gap
 * between the blog's parameter count and torchvision's.
 */
public final class BlogResNet18Lesson {
    /** torchvision's published parameter count of {@code resnet18}. */
    public static final long TORCHVISION_RESNET18_PARAMETERS = 11_689_512L;

    private BlogResNet18Lesson() {
    }

    /** Prints the lesson; takes no arguments. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        Model blog = ResNets.blogResNet18();
        String summary = blog.summary();
        out.println("== The blog's Keras ResNet-18: ResNets.blogResNet18().summary()");
        out.print(summary);

        out.println();
        out.println("== Reading the summary: what gives each departure from the paper away");
        SummaryText text = new SummaryText(summary);

        Node conv1 = first(blog, Conv2D.class);
        Conv2D conv1Layer = (Conv2D) conv1.layer();
        departure(out, 1, "conv1 has stride 1", text, conv1);
        long paperConv1 = 112L * 112 * conv1Layer.kernelHeight() * conv1Layer.kernelWidth() * 3 * conv1Layer.filters();
        explain(out, "%s outputs %s; the paper's 7x7/2 convolution outputs 112x112", name(conv1), conv1.shape());
        explain(out, "%,d multiply-adds instead of %,d", MacCounter.byLayer(blog).get(name(conv1)), paperConv1);

        Node pool = first(blog, MaxPooling2D.class);
        List<Node> poolReaders = readers(blog, pool);
        departure(out, 2, "conv2_x opens with a downsampling block b", text, pool, poolReaders.get(0),
                poolReaders.get(1));
        Node projection = poolReaders.stream().filter(n -> ((Conv2D) n.layer()).kernelHeight() == 1).findFirst()
                .orElseThrow();
        explain(out, "two layers read %s: a stride-2 3x3 convolution to %s", name(pool), poolReaders.get(0).shape());
        explain(out, "and a 1x1 projection, %s, with %,d parameters", name(projection), parameters(blog, projection));
        explain(out, "in the paper the pool alone brings the map to 56x56 and conv2_x opens with an identity block a");

        Node add = first(blog, Add.class);
        departure(out, 3, "ReLU before the add, none after it", text, add, readers(blog, add).get(0));
        List<Node> adds = all(blog, Add.class);
        long fedByActivations = adds.stream().filter(a -> a.inputs().stream()
                .allMatch(in -> in.layer() instanceof Activation || in.layer() instanceof Add)).count();
        long followedByActivation = adds.stream().filter(a -> readers(blog, a).stream()
                .anyMatch(r -> r.layer() instanceof Activation)).count();
        explain(out, "the add reads two activations and the next convolution reads the add: relu(F(x)) + x");
        explain(out, "in the whole network %d of %d adds read only activations (or an earlier add), %d of %d feed "
                + "an activation", fedByActivations, adds.size(), followedByActivation, adds.size());

        Node projectionBn = readers(blog, projection).get(0);
        Node projectionRelu = readers(blog, projectionBn).get(0);
        departure(out, 4, "ReLU on the projection shortcut", text, projectionBn, projectionRelu);
        explain(out, "the projection %s passes through %s and %s before the add", name(projection),
                name(projectionBn), name(projectionRelu));
        explain(out, "the paper's projection is conv + BN without a ReLU: a linear map, like the identity");

        Node conv3x3 = poolReaders.get(0);
        Conv2D c = (Conv2D) conv3x3.layer();
        long weights = (long) c.kernelHeight() * c.kernelWidth() * pool.shape().dim(2) * c.filters();
        departure(out, 5, "biases on every convolution", text, conv3x3);
        explain(out, "%,d = %d x %d x %d x %d + %d biases; torchvision's has %,d", parameters(blog, conv3x3),
                c.kernelHeight(), c.kernelWidth(), pool.shape().dim(2), c.filters(), c.filters(), weights);
        explain(out, "%d convolutions, %,d biases, each absorbed by the BatchNorm that follows",
                all(blog, Conv2D.class).size(), convolutionBiases(blog));

        Node bn = first(blog, BatchNormalization.class);
        departure(out, 6, "BatchNorm epsilon 1e-3", text, bn);
        Set<Double> epsilons = new TreeSet<>();
        all(blog, BatchNormalization.class).forEach(n -> epsilons.add(((BatchNormalization) n.layer()).epsilon()));
        explain(out, "not in the summary: %,d = 4 x %d counts gamma, beta and the moving statistics, not epsilon",
                parameters(blog, bn), bn.shape().dim(2));
        explain(out, "the layers say: epsilon %s in all %d BatchNorms (torchvision 1e-5)", epsilons,
                all(blog, BatchNormalization.class).size());

        Node dense = first(blog, Dense.class);
        Node dropout = first(blog, Dropout.class);
        departure(out, 7, "dropout after the classifier", text, dense, dropout, readers(blog, dropout).get(0));
        explain(out, "Dropout(%s) sits between the 1000 logits and the softmax; the paper has no dropout",
                ((Dropout) dropout.layer()).rate());

        Node gap = first(blog, GlobalAveragePooling2D.class);
        Node flatten = readers(blog, gap).get(0);
        departure(out, 8, "Flatten after global average pooling", text, gap, flatten);
        explain(out, "%s keeps %s and has no parameters: it does nothing", name(flatten), flatten.shape());

        departure(out, 9, "SAME padding everywhere", text);
        Set<String> paddings = new TreeSet<>();
        all(blog, Conv2D.class).forEach(n -> paddings.add(((Conv2D) n.layer()).padding().toString()));
        paddings.add(((MaxPooling2D) pool.layer()).options().padding().toString());
        explain(out, "not in the summary: on these even sizes SAME and symmetric padding give the same shapes");
        explain(out, "the layers say: padding %s in all %d convolutions and the max pool", paddings,
                all(blog, Conv2D.class).size());

        out.println();
        out.println("== The totals against torchvision's resnet18");
        out.printf(Locale.ROOT, "blog: %,d parameters, %,d trainable, %,d non-trainable%n", blog.parameterCount(),
                blog.trainableParameterCount(), blog.nonTrainableParameterCount());
        long gap18 = blog.trainableParameterCount() - TORCHVISION_RESNET18_PARAMETERS;
        long biases = convolutionBiases(blog);
        long extraProjection = parameters(blog, projection) - ((Conv2D) projection.layer()).filters()
                + trainableParameters(blog, projectionBn);
        out.printf(Locale.ROOT, "torchvision: %,d trainable; the blog has %,d more:%n", TORCHVISION_RESNET18_PARAMETERS,
                gap18);
        out.printf(Locale.ROOT, "  %,7d convolution biases (departure 5)%n", biases);
        out.printf(Locale.ROOT, "  %,7d for the extra projection in conv2_x (departure 2): %,d weights, %,d gamma and "
                + "beta%n", extraProjection, parameters(blog, projection) - ((Conv2D) projection.layer()).filters(),
                trainableParameters(blog, projectionBn));
        out.printf(Locale.ROOT, "  %,d + %,d = %,d%n", biases, extraProjection, biases + extraProjection);
    }

    private static void departure(PrintStream out, int number, String title, SummaryText text, Node... evidence) {
        out.println();
        out.println(number + ". " + title);
        for (Node node : evidence) {
            text.rows(name(node)).forEach(row -> out.println("   " + row));
        }
    }

    private static void explain(PrintStream out, String format, Object... values) {
        out.println("   -> " + String.format(Locale.ROOT, format, values));
    }

    private static String name(Node node) {
        return node.layer().name();
    }

    private static Node first(Model model, Class<? extends Layer> type) {
        return all(model, type).get(0);
    }

    private static List<Node> all(Model model, Class<? extends Layer> type) {
        return model.nodes().stream().filter(n -> type.isInstance(n.layer())).toList();
    }

    /** The nodes that take {@code node} as an input, in creation order. */
    private static List<Node> readers(Model model, Node node) {
        return model.nodes().stream().filter(n -> n.inputs().contains(node)).toList();
    }

    private static long parameters(Model model, Node node) {
        return model.parameterSpecs(node).stream().mapToLong(s -> s.shape().sizeAsLong()).sum();
    }

    private static long trainableParameters(Model model, Node node) {
        return model.parameterSpecs(node).stream().filter(s -> s.trainable()).map(s -> s.shape())
                .mapToLong(Shape::sizeAsLong).sum();
    }

    /** The biases of every convolution that has one: one per filter. */
    public static long convolutionBiases(Model model) {
        return all(model, Conv2D.class).stream().map(n -> (Conv2D) n.layer()).filter(Conv2D::useBias)
                .mapToLong(Conv2D::filters).sum();
    }
}
