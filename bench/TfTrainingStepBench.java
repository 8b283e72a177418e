import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.resnet4j.data.Dataset;
import org.resnet4j.data.IdxReader;
import org.resnet4j.models.resnet.MnistResNet;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.Backends;
import org.resnet4j.training.Accuracy;
import org.resnet4j.training.Adam;
import org.resnet4j.training.CategoricalCrossentropy;
import org.resnet4j.training.fit.BatchProgress;
import org.resnet4j.training.fit.Callback;
import org.resnet4j.training.fit.FitOptions;
import org.resnet4j.training.fit.Trainer;

/**
 * Milliseconds per training step of the seed's mnist-resnet18 (28x28x1, Adam, categorical cross-entropy on the
 * softmax output) through Trainer.fit on one backend, the peer of bench/pytorch_train_seed.py --max-steps N.
 * Run by bench/train_step_tf.sh (which builds the modules and the class path); arguments: DATA_DIR STEPS BATCH
 * BACKEND. tf's compiled step is used unless -Dresnet4j.tf.compiledStep=false (the eager tape). The first step
 * (tracing, graph optimisation, first-touch allocations) is reported apart from the median of the others.
 */
public final class TfTrainingStepBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        String backendName = args.length > 3 ? args[3] : "tf";
        Dataset train = IdxReader.read("fashion-mnist", dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), 10).limit(steps * batch);
        Model model = MnistResNet.resnet18();
        List<Double> millis = new ArrayList<>();
        long[] last = {0};
        Callback timer = new Callback() {
            @Override
            public void onBatchBegin(Trainer trainer, int epoch, int index, long iteration) {
                last[0] = System.nanoTime();
            }

            @Override
            public void onBatchEnd(Trainer trainer, BatchProgress progress) {
                millis.add((System.nanoTime() - last[0]) / 1e6);
                System.out.printf("step %d: %.0f ms%n", millis.size(), millis.get(millis.size() - 1));
            }
        };
        try (Backend backend = Backends.get(backendName);
                Trainer trainer = Trainer.compile(model, backend, CategoricalCrossentropy.of(), Adam.of(),
                        Accuracy.of())) {
            trainer.fit(train, FitOptions.of().withBatchSize(batch).withEpochs(1).withCallbacks(timer));
        }
        if (millis.size() < 2) {
            return;
        }
        List<Double> rest = new ArrayList<>(millis.subList(1, millis.size()));
        rest.sort(Double::compare);
        double median = rest.get(rest.size() / 2);
        System.out.printf("%s%s, batch %d, threads %s: first step %.0f ms, then median %.0f ms/step (min %.0f,"
                + " max %.0f) over %d steps: %s%n", backendName,
                backendName.equals("tf") ? (Boolean.parseBoolean(System.getProperty("resnet4j.tf.compiledStep",
                        "true")) ? " (compiled step)" : " (eager tape)") : "", batch,
                System.getProperty("resnet4j.tf.threads", "default"), millis.get(0), median, rest.get(0),
                rest.get(rest.size() - 1), rest.size(), millis.stream().map(m -> String.format("%.0f", m)).toList());
    }
}
