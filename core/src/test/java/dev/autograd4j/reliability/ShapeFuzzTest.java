package dev.autograd4j.reliability;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.GradCheck;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Property-based fuzzing (jqwik) of broadcasting, views, reductions, matmul and in-place ops against {@link Ref},
 * over random shapes with 0- and 1-size dims and operands laid out with random strides; and random small graphs
 * under gradcheck. Each property draws a seed; a failure prints it, and {@code @Property(seed = "...")} replays it.
 */
class ShapeFuzzTest {
    private static final double TOL = 1e-12;

    /** A shape of rank 0..maxRank with sizes 0..3 (0 rarely: a fifth of the shapes hold a zero). */
    static int[] shape(Random rnd, int maxRank) {
        int[] s = new int[rnd.nextInt(maxRank + 1)];
        boolean allowZero = rnd.nextInt(5) == 0;
        for (int k = 0; k < s.length; k++) s[k] = rnd.nextInt(allowZero ? 4 : 3) + (allowZero ? 0 : 1);
        return s;
    }

    /** A shape that broadcasts to {@code out}: some leading dims dropped, some sizes set to 1. */
    static int[] broadcastable(int[] out, Random rnd) {
        int drop = rnd.nextInt(out.length + 1);
        int[] s = Arrays.copyOfRange(out, drop, out.length);
        for (int k = 0; k < s.length; k++) if (rnd.nextInt(3) == 0) s[k] = 1;
        return s;
    }

    /**
     * A float64 tensor with exactly {@code r}'s values but a random layout: stored permuted and/or inside a larger
     * buffer read with step 2 at an offset, so strides are neither contiguous nor sorted.
     */
    static Tensor strided(Ref r, Random rnd) {
        int n = r.shape().length;
        if (n == 0 || rnd.nextInt(4) == 0) return r.tensor();
        int[] perm = shuffled(n, rnd);
        Ref p = r.permute(perm);
        // Embed p in a buffer twice as long along one dim (plus one), at odd positions.
        int d = rnd.nextInt(n);
        int[] big = p.shape().clone();
        big[d] = 2 * big[d] + 1;
        double[] data = new double[Ref.numel(big)];
        Arrays.fill(data, Double.NaN); // any read outside the view shows up as NaN
        Ref bigRef = new Ref(big, data);
        int[] idx = new int[n];
        for (int i = 0; i < p.data().length; i++) {
            int[] at = idx.clone();
            at[d] = 1 + 2 * idx[d];
            data[bigRef.flat(at)] = p.data()[i];
            Ref.next(idx, p.shape());
        }
        Tensor t = bigRef.tensor().slice(d, 1, big[d], 2);
        return t.permute(inverse(perm));
    }

    static int[] shuffled(int n, Random rnd) {
        int[] p = Ref.range(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int k = 0; k < perm.length; k++) inv[perm[k]] = k;
        return inv;
    }

    @Property(tries = 400)
    void stridedOperandsHoldTheirValues(@ForAll long seed) {
        Random rnd = new Random(seed);
        Ref r = Ref.random(shape(rnd, 4), rnd);
        Tensor t = strided(r, rnd);
        Ref.assertClose(r, t, 0, "layout");
        Ref.assertClose(r, t.contiguous(), 0, "contiguous()");
        assertArrayEquals(r.data(), t.toDoubleArray());
    }

    @Property(tries = 400)
    void broadcastingBinaryOpsMatchTheReference(@ForAll long seed) {
        Random rnd = new Random(seed);
        int[] out = shape(rnd, 4);
        Ref a = Ref.random(broadcastable(out, rnd), rnd), b = Ref.random(broadcastable(out, rnd), rnd);
        if (rnd.nextBoolean()) { Ref t = a; a = b; b = t; }
        Tensor ta = strided(a, rnd), tb = strided(b, rnd);
        Ref.assertClose(Ref.binary(a, b, Double::sum), ta.add(tb), TOL, "add");
        Ref.assertClose(Ref.binary(a, b, (x, y) -> x - y), ta.sub(tb), TOL, "sub");
        Ref.assertClose(Ref.binary(a, b, (x, y) -> x * y), ta.mul(tb), TOL, "mul");
        Ref.assertClose(Ref.binary(a, b, Math::max), ta.maximum(tb), TOL, "maximum");
        Ref.assertClose(Ref.binary(a, b, (x, y) -> x + 2 * y), ta.add(tb, 2), TOL, "add alpha");
    }

    @Property(tries = 300)
    void incompatibleShapesAreRejectedWithBothShapesNamed(@ForAll long seed) {
        Random rnd = new Random(seed);
        int[] a = shape(rnd, 3), b = shape(rnd, 3);
        Tensor ta = Ref.random(a, rnd).tensor(), tb = Ref.random(b, rnd).tensor();
        if (Ref.broadcastShape(a, b) != null) {
            assertArrayEquals(Ref.broadcastShape(a, b), ta.add(tb).shape());
        } else {
            RuntimeException e = assertThrows(RuntimeException.class, () -> ta.add(tb));
            assertTrue(e.getMessage().contains("must match"), e.getMessage());
        }
    }

    /** Applies one random view op to both; returns null when the op does not apply to the shape. */
    static Object[] randomView(Ref r, Tensor t, Random rnd) {
        int n = r.shape().length;
        switch (rnd.nextInt(6)) {
            case 0 -> {
                if (n < 2) return null;
                int a = rnd.nextInt(n), b = rnd.nextInt(n);
                int[] perm = Ref.range(n);
                perm[a] = b;
                perm[b] = a;
                return new Object[]{r.permute(perm), t.transpose(a, b)};
            }
            case 1 -> {
                int[] perm = shuffled(n, rnd);
                return new Object[]{r.permute(perm), t.permute(perm)};
            }
            case 2 -> {
                if (n == 0) return null;
                int d = rnd.nextInt(n), size = r.shape()[d];
                int start = rnd.nextInt(size + 1), end = start + rnd.nextInt(size - start + 1), step = 1 + rnd.nextInt(2);
                return new Object[]{r.slice(d, start, end, step), t.slice(d, start, end, step)};
            }
            case 3 -> {
                int lead = rnd.nextInt(2);
                int[] sizes = new int[n + lead];
                for (int k = 0; k < lead; k++) sizes[k] = rnd.nextInt(3);
                for (int k = 0; k < n; k++) sizes[lead + k] = r.shape()[k] == 1 ? rnd.nextInt(3) : r.shape()[k];
                int[] passed = sizes.clone();
                for (int k = 0; k < n; k++) if (rnd.nextInt(3) == 0 && r.shape()[k] != 1) passed[lead + k] = -1;
                return new Object[]{r.expand(sizes), t.expand(passed)};
            }
            case 4 -> {
                // reshape to a random factorisation of numel (a view when possible, a copy otherwise)
                int numel = r.data().length;
                List<Integer> dims = new ArrayList<>();
                int left = numel;
                while (left > 1 && dims.size() < 3) {
                    int f = 2 + rnd.nextInt(2);
                    if (left % f != 0) break;
                    dims.add(f);
                    left /= f;
                }
                dims.add(left);
                if (numel == 0) dims = List.of(0, 1 + rnd.nextInt(2));
                int[] s = dims.stream().mapToInt(Integer::intValue).toArray();
                int[] passed = s.clone();
                if (numel != 0 && rnd.nextBoolean()) passed[rnd.nextInt(s.length)] = -1;
                return new Object[]{new Ref(s, r.data()), t.reshape(passed)};
            }
            default -> {
                int d = rnd.nextInt(n + 1);
                int[] s = new int[n + 1];
                for (int k = 0, j = 0; k <= n; k++) s[k] = k == d ? 1 : r.shape()[j++];
                return new Object[]{new Ref(s, r.data()), t.unsqueeze(d)};
            }
        }
    }

    @Property(tries = 400)
    void chainsOfViewsMatchTheReferenceAndAliasTheirBase(@ForAll long seed) {
        Random rnd = new Random(seed);
        Ref r = Ref.random(shape(rnd, 4), rnd);
        Tensor base = strided(r, rnd), t = base;
        int steps = 1 + rnd.nextInt(4);
        for (int i = 0; i < steps; i++) {
            Object[] v = randomView(r, t, rnd);
            if (v == null) continue;
            r = (Ref) v[0];
            t = (Tensor) v[1];
            Ref.assertClose(r, t, 0, "after view step " + i);
        }
        assertEquals(Ref.numel(r.shape()), t.numel());
    }

    @Property(tries = 400)
    void reductionsOverAnyDimsMatchTheReference(@ForAll long seed) {
        Random rnd = new Random(seed);
        Ref r = Ref.random(shape(rnd, 4), rnd);
        Tensor t = strided(r, rnd);
        int n = r.shape().length;
        boolean[] red = new boolean[n];
        List<Integer> dims = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (rnd.nextBoolean()) {
                red[k] = true;
                dims.add(rnd.nextBoolean() ? k : k - n); // negative dims too
            }
        }
        boolean keep = rnd.nextBoolean();
        int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
        if (d.length == 0) {
            Arrays.fill(red, true); // an empty dim list reduces everything, as torch.sum(x, dim=[])
        }
        Ref sum = r.reduce(red, keep, (v, c) -> { double s = 0; for (int i = 0; i < c; i++) s += v[i]; return s; });
        Ref mean = r.reduce(red, keep, (v, c) -> { double s = 0; for (int i = 0; i < c; i++) s += v[i]; return s / c; });
        Ref.assertClose(sum, t.sum(d, keep), TOL, "sum " + Arrays.toString(d));
        Ref.assertClose(mean, t.mean(d, keep), TOL, "mean " + Arrays.toString(d));
        int groupSize = Ref.numel(r.shape()) / Math.max(1, Ref.numel(sum.shape()));
        if (d.length > 0 && (groupSize > 0 || Ref.numel(sum.shape()) == 0) && Ref.numel(r.shape()) > 0) {
            Ref max = r.reduce(red, keep, (v, c) -> { double m = Double.NEGATIVE_INFINITY; for (int i = 0; i < c; i++) m = Math.max(m, v[i]); return m; });
            Ref.assertClose(max, t.amax(d, keep), TOL, "amax " + Arrays.toString(d));
        }
    }

    @Property(tries = 400)
    void matmulOfEveryRankMatchesTheReference(@ForAll long seed) {
        Random rnd = new Random(seed);
        int ra = 1 + rnd.nextInt(4), rb = 1 + rnd.nextInt(4);
        int n = rnd.nextInt(4), k = rnd.nextInt(4), m = rnd.nextInt(4);
        int[] batch = shape(rnd, 2);
        int[] as = ra == 1 ? new int[]{k} : Ref.concat(tail(broadcastable(batch, rnd), ra - 2), new int[]{n, k});
        int[] bs = rb == 1 ? new int[]{k} : Ref.concat(tail(broadcastable(batch, rnd), rb - 2), new int[]{k, m});
        Ref a = Ref.random(as, rnd), b = Ref.random(bs, rnd);
        Tensor ta = strided(a, rnd), tb = strided(b, rnd);
        Ref.assertClose(Ref.matmul(a, b), ta.matmul(tb), TOL, "matmul " + Arrays.toString(as) + " @ " + Arrays.toString(bs));
        Ref.assertClose(Ref.matmul(a, b), ta.to(DType.FLOAT32).matmul(tb.to(DType.FLOAT32)), 1e-5, "float32 matmul");
    }

    @org.junit.jupiter.api.Test
    void batchedMatmulWithAZeroInnerDimension() {
        // Found by the property above: reshape(-1, 0) cannot infer the row count.
        Tensor r = Tensor.ones(2, 3, 0).matmul(Tensor.ones(0, 4));
        assertArrayEquals(new int[]{2, 3, 4}, r.shape());
        assertArrayEquals(new float[24], r.toFloatArray());
    }

    /** The last {@code len} dims of {@code s} (fewer when it is shorter). */
    private static int[] tail(int[] s, int len) {
        return Arrays.copyOfRange(s, Math.max(0, s.length - len), s.length);
    }

    @Property(tries = 400)
    void inPlaceOpsOnStridedViewsWriteThroughToTheBase(@ForAll long seed) {
        Random rnd = new Random(seed);
        Ref r = Ref.random(shape(rnd, 4), rnd);
        int numel = r.data().length;
        // Labels: the same views applied to a tensor holding each element's flat index tell where a view reads.
        double[] lab = new double[numel];
        for (int i = 0; i < numel; i++) lab[i] = i;
        Tensor base = r.tensor(), labels = new Ref(r.shape(), lab).tensor();
        Tensor view = base, lview = labels;
        Ref vr = r;
        for (int i = 0, steps = rnd.nextInt(3); i < steps; i++) {
            long s = rnd.nextLong();
            Object[] v = randomView(vr, view, new Random(s));
            Object[] l = randomView(vr, lview, new Random(s));
            if (v == null || ((Tensor) v[1]).storage() != base.storage() || isExpand(vr, (Ref) v[0])) continue;
            vr = (Ref) v[0];
            view = (Tensor) v[1];
            lview = (Tensor) l[1];
        }
        Ref other = Ref.random(broadcastable(vr.shape(), rnd), rnd);
        int op = rnd.nextInt(3);
        Ref.Op2 f = op == 0 ? Double::sum : op == 1 ? (x, y) -> x * y : (x, y) -> x - 0.5 * y;
        Tensor to = strided(other, rnd);
        switch (op) {
            case 0 -> view.add_(to);
            case 1 -> view.mul_(to);
            default -> view.sub_(to, 0.5);
        }
        Ref newView = Ref.binary(vr, other, f);
        double[] expected = r.data().clone();
        double[] where = Ref.of(lview).data();
        for (int i = 0; i < where.length; i++) expected[(int) where[i]] = newView.data()[i];
        Ref.assertClose(new Ref(r.shape(), expected), base, TOL, "base after in-place on its view");
        Ref.assertClose(newView, view, TOL, "the view itself");
    }

    /** Whether the view step grew the element count (expand): in-place writes into it are rejected, as in PyTorch. */
    private static boolean isExpand(Ref before, Ref after) { return after.data().length > before.data().length; }

    @Property(tries = 150)
    void randomSmallGraphsPassGradcheck(@ForAll long seed) {
        Random rnd = new Random(seed);
        int nIn = 1 + rnd.nextInt(2);
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < nIn; i++) {
            int[] s = shape(rnd, 3);
            for (int k = 0; k < s.length; k++) s[k] = Math.max(1, s[k]);
            double[] v = new double[Ref.numel(s)];
            for (int j = 0; j < v.length; j++) v[j] = 0.3 + rnd.nextDouble();   // positive, away from kinks
            inputs.add(Tensor.of(v, s).requiresGrad_());
        }
        long graphSeed = rnd.nextLong();
        assertTrue(GradCheck.gradcheck(xs -> randomGraph(xs, new Random(graphSeed)), inputs));
    }

    /** Whether {@code a.matmul(b)} is defined: inner sizes agree and the batch dims (all but the last two) broadcast. */
    static boolean matmulFits(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0 || a.size(-1) != b.size(b.dim() == 1 ? 0 : -2)) return false;
        int[] sa = a.shape(), sb = b.shape();
        int[] batchA = java.util.Arrays.copyOf(sa, Math.max(0, sa.length - 2));
        int[] batchB = java.util.Arrays.copyOf(sb, Math.max(0, sb.length - 2));
        return Ref.broadcastShape(batchA, batchB) != null;
    }

    /** Builds the same random DAG for the same seed: smooth unary ops, broadcasting binaries, views, reductions. */
    static Tensor randomGraph(List<Tensor> xs, Random rnd) {
        List<Tensor> pool = new ArrayList<>(xs);
        int steps = 2 + rnd.nextInt(5);
        for (int i = 0; i < steps; i++) {
            Tensor a = pool.get(rnd.nextInt(pool.size()));
            Tensor b = pool.get(rnd.nextInt(pool.size()));
            Tensor r = switch (rnd.nextInt(9)) {
                case 0 -> a.sin();
                case 1 -> a.tanh();
                case 2 -> a.mul(0.5).exp();
                case 3 -> a.sigmoid();
                case 4 -> Ref.broadcastShape(a.shape(), b.shape()) != null ? a.mul(b) : a.pow(2);
                case 5 -> Ref.broadcastShape(a.shape(), b.shape()) != null ? a.add(b).div(b.abs().add(1)) : a.sqrt();
                case 6 -> a.dim() >= 2 ? a.transpose(0, a.dim() - 1) : a.unsqueeze(0);
                case 7 -> a.dim() >= 1 ? a.sum(rnd.nextInt(a.dim()), rnd.nextBoolean()) : a.mul(a);
                default -> matmulFits(a, b) ? a.matmul(b) : a.mean();
            };
            pool.add(r);
        }
        return pool.getLast();
    }
}
