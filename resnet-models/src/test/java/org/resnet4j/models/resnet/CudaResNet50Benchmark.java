package org.resnet4j.models.resnet;

import java.util.Random;
import org.resnet4j.BackendUnavailableException;
import org.resnet4j.Backends;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * ResNet-50 ({@link ResNets#torchvision(int)}: torchvision wiring, weights from the seeded initialisers) at 224x224,
 * float32, inference throughput on the compiled "jcuda" plan. A benchmark, not a test: run by the JCuda GPU bundle's
 * {@code verify.sh} as {@code java ... CudaResNet50Benchmark 1 64}. The time includes the copy of the input to the
 * GPU and of the logits back, as a user's predict() call does. It lives here rather than in the backend module
 * because it needs this module's ResNet-50; it finds the backend by name, as every test of this module does.
 */
public final class CudaResNet50Benchmark {
    private CudaResNet50Benchmark() {
    }

    /** Batch sizes as arguments (default 1 and 64); prints one line per batch size. */
    public static void main(String[] args) {
        Backend backend;
        try {
            backend = Backends.get("jcuda");
        } catch (BackendUnavailableException e) {
            System.out.println("skipped: " + e.getMessage());
            return;
        }
        Model model = ResNets.torchvision(50);
        try (backend; CompiledModel compiled = backend.compile(model)) {
            for (String arg : args.length == 0 ? new String[] {"1", "64"} : args) {
                int batch = Integer.parseInt(arg);
                HostTensor x = HostTensor.zeros(Shape.of(batch, 224, 224, 3));
                Random random = new Random(batch);
                for (int i = 0; i < x.size(); i++) {
                    x.data()[i] = (float) random.nextGaussian();
                }
                int warmup = 5;
                int iterations = batch == 1 ? 50 : 20;
                for (int i = 0; i < warmup; i++) {
                    compiled.predict(x);
                }
                long start = System.nanoTime();
                for (int i = 0; i < iterations; i++) {
                    compiled.predict(x);
                }
                double seconds = (System.nanoTime() - start) / 1e9 / iterations;
                System.out.printf("resnet50 backend=jcuda batch=%d ms_per_batch=%.3f images_per_s=%.1f%n", batch,
                        seconds * 1e3, batch / seconds);
            }
        }
    }
}
