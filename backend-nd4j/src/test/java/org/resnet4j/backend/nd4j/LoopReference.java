package org.resnet4j.backend.nd4j;

import org.resnet4j.ops.Padding;
import org.resnet4j.ops.WindowGeometry;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** Plain loops over NHWC arrays: the independent oracle of these tests (no ND4J involved). */
final class LoopReference {
    private LoopReference() {
    }

    static HostTensor conv2d(HostTensor x, HostTensor k, float[] bias, int sh, int sw, Padding padding) {
        int n = x.shape().dim(0), h = x.shape().dim(1), w = x.shape().dim(2), cin = x.shape().dim(3);
        int kh = k.shape().dim(0), kw = k.shape().dim(1), cout = k.shape().dim(3);
        Padding.Explicit p = padding.resolve(h, w, kh, kw, sh, sw);
        int oh = WindowGeometry.outputSize(h, kh, sh, p.top(), p.bottom());
        int ow = WindowGeometry.outputSize(w, kw, sw, p.left(), p.right());
        HostTensor out = HostTensor.zeros(Shape.of(n, oh, ow, cout));
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int o = 0; o < cout; o++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int di = 0; di < kh; di++) {
                            for (int dj = 0; dj < kw; dj++) {
                                int y = i * sh + di - p.top();
                                int z = j * sw + dj - p.left();
                                if (y < 0 || y >= h || z < 0 || z >= w) {
                                    continue;
                                }
                                for (int c = 0; c < cin; c++) {
                                    sum += x.get(b, y, z, c) * k.get(di, dj, c, o);
                                }
                            }
                        }
                        out.set((float) sum, b, i, j, o);
                    }
                }
            }
        }
        return out;
    }

    static HostTensor pool(HostTensor x, int kh, int kw, int sh, int sw, Padding padding, boolean max) {
        int n = x.shape().dim(0), h = x.shape().dim(1), w = x.shape().dim(2), c = x.shape().dim(3);
        Padding.Explicit p = padding.resolve(h, w, kh, kw, sh, sw);
        int oh = WindowGeometry.outputSize(h, kh, sh, p.top(), p.bottom());
        int ow = WindowGeometry.outputSize(w, kw, sw, p.left(), p.right());
        HostTensor out = HostTensor.zeros(Shape.of(n, oh, ow, c));
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int di = 0; di < kh; di++) {
                            for (int dj = 0; dj < kw; dj++) {
                                int y = i * sh + di - p.top();
                                int z = j * sw + dj - p.left();
                                if (y < 0 || y >= h || z < 0 || z >= w) {
                                    continue;
                                }
                                float v = x.get(b, y, z, ch);
                                acc = max ? Math.max(acc, v) : acc + v;
                                count++;
                            }
                        }
                        out.set((float) (max ? acc : acc / count), b, i, j, ch);
                    }
                }
            }
        }
        return out;
    }

    static HostTensor random(long seed, int... dims) {
        java.util.Random r = new java.util.Random(seed);
        HostTensor t = HostTensor.zeros(Shape.of(dims));
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) r.nextGaussian();
        }
        return t;
    }
}
