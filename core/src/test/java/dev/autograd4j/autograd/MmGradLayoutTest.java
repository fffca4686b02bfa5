package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradients of mm and addmm come out in their operand's layout (PyTorch's mm_mat1/mat2_backward), so a Linear
 * weight used as {@code weight.t()} gets a row-major gradient, and the values match the plain formulas.
 */
class MmGradLayoutTest {

    /** g^T x, written out: the gradient of y = x w^T with respect to w. */
    private static float[] gtx(float[] g, float[] x, int m, int n, int k) {
        float[] out = new float[n * k];
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                double s = 0;
                for (int i = 0; i < m; i++) s += (double) g[i * n + j] * x[i * k + p];
                out[j * k + p] = (float) s;
            }
        }
        return out;
    }

    /** g w, written out: the gradient of y = x w^T with respect to x. */
    private static float[] gw(float[] g, float[] w, int m, int n, int k) {
        float[] out = new float[m * k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += (double) g[i * n + j] * w[j * k + p];
                out[i * k + p] = (float) s;
            }
        }
        return out;
    }

    @Test
    void mmWithATransposedWeightGivesARowMajorWeightGradient() {
        Tensor.manualSeed(3);
        Tensor x = Tensor.randn(5, 7).requiresGrad_();
        Tensor w = Tensor.randn(4, 7).requiresGrad_();
        Tensor g = Tensor.randn(5, 4);
        Tensor wt = w.t();
        Tensor[] seen = new Tensor[1];
        wt.registerHook(gr -> {
            seen[0] = gr;
            return null;
        });
        x.mm(wt).backward(g);
        assertArrayEquals(new int[] {1, 7}, seen[0].stride(), "mm's gradient for w.t() has w.t()'s strides");
        assertArrayEquals(gtx(g.toFloatArray(), x.toFloatArray(), 5, 4, 7), w.grad().toFloatArray(), 1e-4f);
        assertArrayEquals(gw(g.toFloatArray(), w.toFloatArray(), 5, 4, 7), x.grad().toFloatArray(), 1e-4f);
    }

    @Test
    void addmmWithTransposedOperandsGivesGradientsInTheirLayout() {
        Tensor.manualSeed(4);
        Tensor xt = Tensor.randn(7, 5).requiresGrad_();   // used as xt.t(): a column-major [5, 7] operand
        Tensor w = Tensor.randn(4, 7).requiresGrad_();
        Tensor b = Tensor.randn(4).requiresGrad_();
        Tensor g = Tensor.randn(5, 4);
        b.addmm(xt.t(), w.t()).backward(g);
        assertTrue(w.grad().isContiguous() && xt.grad().isContiguous(), "gradients are row-major");
        Tensor x = xt.detach().t().contiguous();
        assertArrayEquals(gtx(g.toFloatArray(), x.toFloatArray(), 5, 4, 7), w.grad().toFloatArray(), 1e-4f);
        float[] dx = gw(g.toFloatArray(), w.toFloatArray(), 5, 4, 7);   // d(x) as [5, 7]; xt's gradient is its transpose
        float[] dxt = new float[35];
        for (int i = 0; i < 5; i++) for (int p = 0; p < 7; p++) dxt[p * 5 + i] = dx[i * 7 + p];
        assertArrayEquals(dxt, xt.grad().toFloatArray(), 1e-4f);
        assertArrayEquals(g.sum(0).toFloatArray(), b.grad().toFloatArray(), 1e-5f);
    }
}
