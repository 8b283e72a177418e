package org.resnet4j.backend.jcuda;

import org.resnet4j.ops.Padding;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/** Test oracle: a direct NHWC convolution with HWIO kernels, written as the textbook loop nest. */
final class DirectConv {
    private DirectConv() {
    }

    static HostTensor conv(HostTensor x, HostTensor k, HostTensor bias, int stride, Padding.Explicit p) {
        int n = x.shape().dim(0), h = x.shape().dim(1), w = x.shape().dim(2), c = x.shape().dim(3);
        int kh = k.shape().dim(0), kw = k.shape().dim(1), co = k.shape().dim(3);
        int oh = (h + p.top() + p.bottom() - kh) / stride + 1;
        int ow = (w + p.left() + p.right() - kw) / stride + 1;
        HostTensor y = HostTensor.zeros(Shape.of(n, oh, ow, co));
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    for (int o = 0; o < co; o++) {
                        double s = bias == null ? 0 : bias.get(o);
                        for (int u = 0; u < kh; u++) {
                            for (int v = 0; v < kw; v++) {
                                int r = i * stride + u - p.top();
                                int q = j * stride + v - p.left();
                                if (r < 0 || r >= h || q < 0 || q >= w) {
                                    continue;
                                }
                                for (int ci = 0; ci < c; ci++) {
                                    s += x.get(b, r, q, ci) * k.get(u, v, ci, o);
                                }
                            }
                        }
                        y.set((float) s, b, i, j, o);
                    }
                }
            }
        }
        return y;
    }

    static HostTensor random(java.util.Random random, int... dims) {
        HostTensor t = HostTensor.zeros(Shape.of(dims));
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) random.nextGaussian();
        }
        return t;
    }

}
