package dev.autograd4j.ops;

/**
 * Walks an N-d iteration space as a sequence of 1-d rows, so kernels only ever see (offset, stride, length).
 *
 * <p>Dims that are laid out back to back in every operand are merged first, so a contiguous tensor of any
 * rank becomes one row and costs one kernel call. Broadcast operands carry stride 0 in the broadcast dims.
 */
final class Loops {
    private Loops() {}

    /** A row of {@code n} elements: operand k starts at {@code off[k]} and steps by {@code stride[k]}. */
    interface Row {
        void run(int[] off, int[] stride, int n);
    }

    /**
     * Calls {@code row} for every innermost row of {@code shape}; {@code strides[k]} and {@code offsets[k]}
     * describe operand k (each strides[k] has shape.length entries).
     */
    static void forEachRow(int[] shape, int[][] strides, int[] offsets, Row row) {
        int ops = strides.length;
        for (int s : shape) if (s == 0) return;
        // Coalesce: drop size-1 dims, merge dim i into i+1 when contiguous for all operands.
        int nd = 0;
        int[] sh = new int[shape.length];
        int[][] st = new int[ops][shape.length];
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) continue;
            if (nd > 0) {
                boolean merge = true;
                for (int k = 0; k < ops; k++) {
                    if (st[k][nd - 1] != strides[k][d] * shape[d]) { merge = false; break; }
                }
                if (merge) {
                    sh[nd - 1] *= shape[d];
                    for (int k = 0; k < ops; k++) st[k][nd - 1] = strides[k][d];
                    continue;
                }
            }
            sh[nd] = shape[d];
            for (int k = 0; k < ops; k++) st[k][nd] = strides[k][d];
            nd++;
        }
        int[] off = offsets.clone();
        int[] inner = new int[ops];
        if (nd == 0) {
            row.run(off, inner, 1);
            return;
        }
        int n = sh[nd - 1];
        for (int k = 0; k < ops; k++) inner[k] = st[k][nd - 1];
        if (nd == 1) {
            row.run(off, inner, n);
            return;
        }
        int[] idx = new int[nd - 1];
        int[] base = offsets.clone();
        while (true) {
            System.arraycopy(base, 0, off, 0, ops);
            row.run(off, inner, n);
            int d = nd - 2;
            while (d >= 0) {
                idx[d]++;
                for (int k = 0; k < ops; k++) base[k] += st[k][d];
                if (idx[d] < sh[d]) break;
                for (int k = 0; k < ops; k++) base[k] -= st[k][d] * sh[d];
                idx[d] = 0;
                d--;
            }
            if (d < 0) return;
        }
    }

    /** Strides of a tensor broadcast to {@code outShape}: 0 where it is broadcast or missing. */
    static int[] broadcastStrides(int[] shape, int[] strides, int[] outShape) {
        int[] r = new int[outShape.length];
        int lead = outShape.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            r[lead + i] = shape[i] == 1 && outShape[lead + i] != 1 ? 0 : strides[i];
        }
        return r;
    }
}
