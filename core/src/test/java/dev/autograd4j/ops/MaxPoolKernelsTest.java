package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The typed max_pool2d argmax loops against the general element loop: ties, NaN, -inf, padding, dilation, odd sizes. */
class MaxPoolKernelsTest {

    /** {kh, kw, sh, sw, ph, pw, dh, dw} */
    private static final int[][] CASES = {
            {2, 2, 2, 2, 0, 0, 1, 1}, {3, 3, 2, 2, 1, 1, 1, 1}, {3, 2, 1, 2, 1, 1, 1, 1}, {2, 3, 2, 1, 1, 1, 2, 3},
            {1, 1, 1, 1, 0, 0, 1, 1}, {5, 4, 3, 2, 2, 2, 1, 1}, {4, 3, 1, 1, 2, 1, 2, 2}, {2, 2, 3, 3, 1, 1, 1, 1}, {2, 2, 1, 1, 1, 1, 2, 3},
            {2, 2, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 1, 0, 1, 1, 1}, {3, 3, 2, 2, 1, 1, 1, 1},
    };

    /** PyTorch 1.13, F.max_pool2d(x, k, return_indices=True): of several NaNs in a window the last one wins. */
    @Test
    void ofSeveralNaNsTheLastWinsAsInPyTorch() {
        float nan = Float.NaN;
        int[] one = {1, 1}, zero = {0, 0};
        for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor a = Tensor.of(new float[] {1f, nan, nan, 2f}, new int[] {1, 1, 2, 2}).to(dt);
            assertArrayEquals(new long[] {2}, Windowed.maxPool2dIndices(a, new int[] {2, 2}, new int[] {2, 2}, zero, one).toLongArray());
            Tensor b = Tensor.of(new float[] {nan, 1f, 3f, nan}, new int[] {1, 1, 2, 2}).to(dt);
            assertArrayEquals(new long[] {3}, Windowed.maxPool2dIndices(b, new int[] {2, 2}, new int[] {2, 2}, zero, one).toLongArray());
            Tensor c = Tensor.of(new float[] {nan, nan, 1f, nan}, new int[] {1, 1, 1, 4}).to(dt);
            assertArrayEquals(new long[] {3}, Windowed.maxPool2dIndices(c, new int[] {1, 4}, new int[] {1, 4}, zero, one).toLongArray());
        }
    }

    @Test
    void floatAndDoubleLoopsMatchTheGeneralLoop() {
        Random r = new Random(7);
        int[][] sizes = {{2, 3, 7, 9}, {1, 2, 5, 5}, {3, 1, 8, 6}, {2, 11, 13}};
        for (int[] size : sizes) {
            for (int[] c : CASES) {
                for (double nanRate : new double[]{0, 0.05, 0.5}) {
                    Tensor x = awkward(r, size, nanRate);
                    check(x, c);
                    check(x.to(DType.FLOAT64), c);
                    check(x.transpose(-1, -2), c);                       // non-contiguous input
                    check(x.to(DType.FLOAT64).transpose(-1, -2), c);
                }
            }
        }
    }

    @Test
    void windowsOfMinusInfinityAndAllNaNKeepTheirFirstElement() {
        float[] v = new float[36];
        java.util.Arrays.fill(v, Float.NEGATIVE_INFINITY);
        for (int i = 18; i < 36; i++) v[i] = Float.NaN;
        Tensor x = Tensor.of(v, new int[]{1, 2, 3, 6});
        for (int[] c : CASES) {
            check(x, c);
            check(x.to(DType.FLOAT64), c);
        }
    }

    /** Values from a few levels (many ties), some -inf, and NaNs at the given rate. */
    private static Tensor awkward(Random r, int[] shape, double nanRate) {
        int n = 1;
        for (int s : shape) n *= s;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            v[i] = u < nanRate ? Float.NaN : u < nanRate + 0.1 ? Float.NEGATIVE_INFINITY : r.nextInt(4) - 1.5f;
        }
        return Tensor.of(v, shape);
    }

    private static void check(Tensor x, int[] c) {
        int[] k = {c[0], c[1]}, s = {c[2], c[3]}, p = {c[4], c[5]}, d = {c[6], c[7]};
        int h = x.size(-2), w = x.size(-1);
        int ho = Windowed.outSize(h, k[0], s[0], p[0], d[0]), wo = Windowed.outSize(w, k[1], s[1], p[1], d[1]);
        if (ho <= 0 || wo <= 0) return;
        long[] fast = Windowed.maxPool2dIndices(x, k, s, p, d).toLongArray();
        Tensor xc = x.contiguous();
        long[] general = new long[fast.length];
        Windowed.maxPool2dIndicesGeneral(xc.storage(), xc.storageOffset(), general, xc.numel() / (h * w),
                new MaxPoolKernels.Geometry(h, w, ho, wo, k, s, p, d));
        assertArrayEquals(general, fast, () -> x.dtype() + " " + java.util.Arrays.toString(c) + " " + java.util.Arrays.toString(x.shape()));
    }
}
