package org.resnet4j.bench.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * One exported ResNet in an ONNX Runtime session set up as the benchmark's other engines are: {@code threads}
 * intra-op threads, one inter-op thread, sequential execution (a ResNet is a chain: nothing to run side by side),
 * every graph optimisation on. {@link #predict} takes and returns plain float arrays, so that each call pays for
 * copying its input in and its logits out, as a ResNet4J backend's {@code predict} does.
 */
final class OnnxRuntimeModel implements AutoCloseable {
    static final String INPUT = "input";
    static final int CHANNELS = 3;
    static final int IMAGE_SIZE = 224;
    static final int CLASSES = 1000;

    private final OrtEnvironment environment;
    private final OrtSession session;

    /** Opens {@code model} (an ONNX file from {@code bench/export_onnx.py}) with {@code threads} intra-op threads. */
    OnnxRuntimeModel(Path model, int threads) throws OrtException {
        environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(model.toString(), options);
        }
    }

    /** The logits, {@code batch} x 1000, of {@code images}: {@code batch} x 3 x 224 x 224 floats, NCHW. */
    float[] predict(float[] images, int batch) throws OrtException {
        long[] shape = {batch, CHANNELS, IMAGE_SIZE, IMAGE_SIZE};
        if (images.length != batch * CHANNELS * IMAGE_SIZE * IMAGE_SIZE) {
            throw new IllegalArgumentException("predict expects " + batch + "x3x224x224 floats. Received: "
                    + images.length);
        }
        // A heap buffer: ONNX Runtime copies it into native memory, as the ResNet4J backends copy their input.
        try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(images), shape);
                OrtSession.Result result = session.run(Map.of(INPUT, input))) {
            FloatBuffer logits = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] out = new float[logits.remaining()];
            logits.get(out);
            return out;
        }
    }

    /** ONNX Runtime's version, for the log. */
    static String version() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
