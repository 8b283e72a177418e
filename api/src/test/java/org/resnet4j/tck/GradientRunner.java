package org.resnet4j.tck;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/**
 * Runs a {@link GradientCall} the way the tape does (upload, primitives, download, close) on a backend and on
 * {@link ReferenceTrainingOps}, and compares every result and every input after the call (so that in-place updates
 * are compared, and an input a primitive must not change is checked to be unchanged).
 */
final class GradientRunner {
    private GradientRunner() {
    }

    /** The results of one run, downloaded: what the call returned, then each input as it is after the call. */
    record Outcome(List<HostTensor> results, List<HostTensor> inputsAfter) {
    }

    /** Uploads {@code inputs}, applies {@code call} with {@code ops}' primitives, downloads, closes every handle. */
    static Outcome run(Ops ops, GradientCall call, HostTensor... inputs) {
        GradientOps gradients = GradientOps.require(ops);
        Tensor[] uploaded = new Tensor[inputs.length];
        List<Tensor> results = List.of();
        try {
            for (int i = 0; i < inputs.length; i++) {
                uploaded[i] = inputs[i] == null ? null : ops.upload(inputs[i]);
            }
            results = call.apply(gradients, uploaded);
            List<HostTensor> downloaded = new ArrayList<>();
            for (Tensor r : results) {
                downloaded.add(r == null ? null : ops.download(r));
            }
            List<HostTensor> after = new ArrayList<>();
            for (Tensor t : uploaded) {
                after.add(t == null ? null : ops.download(t));
            }
            return new Outcome(downloaded, after);
        } finally {
            for (Tensor r : results) {
                if (r != null) {
                    r.close();
                }
            }
            for (Tensor t : uploaded) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }

    /**
     * Runs {@code call} on {@code ops} and on the oracle and asserts that every result and every input after the
     * call match; {@code resultNames} name the results in failure messages, {@code inputNames} the inputs.
     */
    static void assertMatchesReference(Ops ops, String what, List<String> resultNames, List<String> inputNames,
            GradientCall call, HostTensor... inputs) {
        Outcome expected = run(new ReferenceTrainingOps(), call, inputs);
        Outcome actual = run(ops, call, inputs);
        compare(what, resultNames, actual.results(), expected.results());
        compare(what, inputNames, actual.inputsAfter(), expected.inputsAfter());
    }

    private static void compare(String what, List<String> names, List<HostTensor> actual,
            List<HostTensor> expected) {
        if (actual.size() != expected.size()) {
            fail(what + ": expected " + expected.size() + " results. Received: " + actual.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            String name = what + ", " + (i < names.size() ? names.get(i) : "tensor " + i);
            if (expected.get(i) == null || actual.get(i) == null) {
                if (expected.get(i) != actual.get(i)) {
                    fail(name + ": expected " + (expected.get(i) == null ? "null" : "a tensor") + ". Received: "
                            + (actual.get(i) == null ? "null" : "shape=" + actual.get(i).shape()));
                }
                continue;
            }
            TensorComparison.assertClose(name, actual.get(i), expected.get(i));
        }
    }
}
