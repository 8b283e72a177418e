package org.resnet4j.backend.tf;

import org.resnet4j.ops.Padding;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** Plain loops over NHWC arrays: the independent oracle of these tests until the contract kit's ReferenceOps exists. */
final class LoopReference {
    private LoopReference() {
    }

    static HostTensor conv2d(HostTensor x, HostTensor k, int sh, int sw, Padding.Explicit p) {
        Shape xs = x.shape();
        Shape ks = k.shape();
        int n = xs.dim(0), h = xs.dim(1), w = xs.dim(2), cin = xs.dim(3);
        int kh = ks.dim(0), kw = ks.dim(1), cout = ks.dim(3);
        int oh = WindowGeometry.outputSize(h, kh, sh, p.top(), p.bottom());
        int ow = WindowGeometry.outputSize(w, kw, sw, p.left(), p.right());
        HostTensor y = HostTensor.zeros(Shape.of(n, oh, ow, cout));
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int o = 0; o < cout; o++) {
                        double sum = 0;
                        for (int di = 0; di < kh; di++) {
                            for (int dj = 0; dj < kw; dj++) {
                                int r = i * sh - p.top() + di;
                                int c = j * sw - p.left() + dj;
                                if (r < 0 || r >= h || c < 0 || c >= w) {
                                    continue;
                                }
                                for (int ci = 0; ci < cin; ci++) {
                                    sum += (double) x.get(b, r, c, ci) * k.get(di, dj, ci, o);
                                }
                            }
                        }
                        y.set((float) sum, b, i, j, o);
                    }
                }
            }
        }
        return y;
    }

    /** Max (when {@code max}) or average over the cells inside the input. */
    static HostTensor pool(HostTensor x, int ph, int pw, int sh, int sw, Padding.Explicit p, boolean max) {
        Shape xs = x.shape();
        int n = xs.dim(0), h = xs.dim(1), w = xs.dim(2), ch = xs.dim(3);
        int oh = WindowGeometry.outputSize(h, ph, sh, p.top(), p.bottom());
        int ow = WindowGeometry.outputSize(w, pw, sw, p.left(), p.right());
        HostTensor y = HostTensor.zeros(Shape.of(n, oh, ow, ch));
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int c = 0; c < ch; c++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int di = 0; di < ph; di++) {
                            for (int dj = 0; dj < pw; dj++) {
                                int r = i * sh - p.top() + di;
                                int col = j * sw - p.left() + dj;
                                if (r < 0 || r >= h || col < 0 || col >= w) {
                                    continue;
                                }
                                float v = x.get(b, r, col, c);
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                        y.set((float) (max ? acc : acc / count), b, i, j, c);
                    }
                }
            }
        }
        return y;
    }

    /** Deterministic values in [-1, 1), different for every element. */
    static HostTensor random(long seed, int... dims) {
        java.util.Random rng = new java.util.Random(seed);
        HostTensor t = HostTensor.zeros(Shape.of(dims));
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextFloat() * 2f - 1f;
        }
        return t;
    }
}
