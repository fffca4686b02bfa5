package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The typed float/double im2col and col2im loops against the element loop that integer tensors take: integer-valued
 * inputs make every sum exact, so the results must agree bit for bit on awkward geometries and layouts.
 */
class Im2ColKernelsTest {

    /** {kh, kw, dh, dw, ph, pw, sh, sw} */
    private static final int[][] CASES = {
            {5, 5, 1, 1, 2, 2, 1, 1}, {3, 3, 1, 1, 1, 1, 2, 2}, {3, 2, 1, 2, 1, 0, 2, 1}, {2, 3, 2, 1, 0, 2, 1, 3},
            {1, 1, 1, 1, 0, 0, 1, 1}, {4, 4, 2, 2, 3, 3, 3, 2}, {3, 3, 1, 1, 4, 4, 1, 1}, {2, 2, 3, 3, 0, 0, 1, 1},
    };

    @Test
    void im2colMatchesTheGeneralLoop() {
        int[][] sizes = {{2, 3, 7, 9}, {3, 1, 8, 5}, {1, 2, 5, 11}};
        for (int[] size : sizes) {
            for (int[] c : CASES) {
                Tensor x = Tensor.randint(-9, 10, size);
                for (boolean bic : new boolean[]{false, true}) {
                    Op.Im2Col g = new Op.Im2Col(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], bic);
                    if (!valid(g, size[2], size[3])) continue;
                    Tensor want = Dispatch.apply(g, x);
                    for (DType t : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
                        assertSame(want, Dispatch.apply(g, x.to(t)));
                        // A non-contiguous input: the transpose of a transposed copy holds the same values.
                        Tensor nc = x.transpose(2, 3).contiguous().to(t).transpose(2, 3);
                        assertSame(want, Dispatch.apply(g, nc));
                    }
                }
            }
        }
    }

    @Test
    void col2imMatchesTheGeneralLoop() {
        int[][] sizes = {{2, 3, 7, 9}, {3, 1, 8, 5}, {1, 2, 5, 11}};
        for (int[] size : sizes) {
            for (int[] c : CASES) {
                int n = size[0], ch = size[1], h = size[2], w = size[3];
                Op.Im2Col g = new Op.Im2Col(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], false);
                if (!valid(g, h, w)) continue;
                int l = Windowed.outSize(h, c[0], c[6], c[4], c[2]) * Windowed.outSize(w, c[1], c[7], c[5], c[3]);
                Op.Col2Im f = new Op.Col2Im(h, w, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
                Tensor cols = Tensor.randint(-9, 10, n, ch * c[0] * c[1], l);
                Tensor want = Dispatch.apply(f, cols);
                for (DType t : new DType[]{DType.FLOAT32, DType.FLOAT64}) {
                    assertSame(want, Dispatch.apply(f, cols.to(t)));
                    // Column stride != 1, and the convolution's [C*K, N, L] layout (a permuted view).
                    assertSame(want, Dispatch.apply(f, cols.transpose(1, 2).contiguous().to(t).transpose(1, 2)));
                    assertSame(want, Dispatch.apply(f, cols.permute(1, 0, 2).contiguous().to(t).permute(1, 0, 2)));
                }
            }
        }
    }

    private static boolean valid(Op.Im2Col g, int h, int w) {
        return Windowed.outSize(h, g.kh(), g.sh(), g.ph(), g.dh()) > 0 && Windowed.outSize(w, g.kw(), g.sw(), g.pw(), g.dw()) > 0;
    }

    private static void assertSame(Tensor want, Tensor got) {
        assertArrayEquals(want.shape(), got.shape());
        assertArrayEquals(want.contiguous().toDoubleArray(), got.contiguous().toDoubleArray(), 0.0);
    }
}
