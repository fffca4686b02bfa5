package dev.autograd4j.ops;

import dev.autograd4j.Tensor;
import dev.autograd4j.tensor.Shapes;

/** PyTorch's {@code matmul} rules, composed from dot, mv, mm and bmm (so the grad_fn names match PyTorch's). */
public final class Matmul {
    private Matmul() {}

    /** {@code a @ b}: 1-D·1-D dot, 2-D·1-D mv, 1-D·2-D, 2-D·2-D mm, and broadcast batched products. */
    public static Tensor matmul(Tensor a, Tensor b) {
        int da = a.dim(), db = b.dim();
        if (da == 0 || db == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are " + da + "D and " + db + "D");
        }
        if (da == 1 && db == 1) return a.dot(b);
        if (da == 2 && db == 1) return a.mv(b);
        if (da == 1 && db == 2) return a.unsqueeze(0).mm(b).squeeze(0);
        if (da == 2 && db == 2) return a.mm(b);
        if (da >= 3 && db <= 2) {
            // Fold the batch into the rows: (..., n, k) @ (k, m) is one mm.
            Tensor b2 = db == 1 ? b.unsqueeze(1) : b;
            int[] sa = a.shape();
            int k = sa[da - 1];
            if (k != b2.size(0)) {
                throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + (a.numel() / Math.max(k, 1))
                        + "x" + k + " and " + b2.size(0) + "x" + b2.size(1) + ")");
            }
            // The row count is spelled out: reshape(-1, 0) cannot infer it when k is 0 (found by ShapeFuzzTest).
            Tensor r = a.reshape(Shapes.numel(java.util.Arrays.copyOf(sa, da - 1)), k).mm(b2);
            int[] outShape = sa.clone();
            outShape[da - 1] = b2.size(1);
            Tensor out = r.view(outShape);
            return db == 1 ? out.squeeze(-1) : out;
        }
        // General batched case: broadcast the batch dims, then bmm.
        Tensor a3 = da == 1 ? a.unsqueeze(0) : a;
        Tensor b3 = db == 1 ? b.unsqueeze(1) : b;
        int n = a3.size(-2), k = a3.size(-1), k2 = b3.size(-2), m = b3.size(-1);
        if (k != k2) {
            throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: [" + a3.size(0)
                    + ", " + k + "] but got: [" + b3.size(0) + ", " + k2 + "].");
        }
        int[] batchA = java.util.Arrays.copyOf(a3.shape(), a3.dim() - 2);
        int[] batchB = java.util.Arrays.copyOf(b3.shape(), b3.dim() - 2);
        int[] batch = Shapes.broadcast(batchA, batchB);
        int bs = Shapes.numel(batch);
        Tensor ae = a3.expand(concat(batch, n, k)).reshape(bs, n, k);
        Tensor be = b3.expand(concat(batch, k, m)).reshape(bs, k, m);
        Tensor r = ae.bmm(be);
        int[] outShape = concat(batch, n, m);
        Tensor out = r.view(outShape);
        if (da == 1) out = out.squeeze(-2);
        if (db == 1) out = out.squeeze(-1);
        return out;
    }

    private static int[] concat(int[] batch, int x, int y) {
        int[] r = java.util.Arrays.copyOf(batch, batch.length + 2);
        r[batch.length] = x;
        r[batch.length + 1] = y;
        return r;
    }
}
