package dev.autograd4j.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vectorised sums, dot products and max/min with several independent accumulators to hide FP-add latency. */
final class Reductions {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Leaf size of the pairwise double sum; above it halves are summed separately, so error grows as log(n). */
    private static final int LEAF = 2048;

    private Reductions() {
    }

    /** Float sum accumulated in double lanes (each float vector widened into two double vectors), rounded once. */
    static float sum(float[] a, int ao, int n) {
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
        int step = 2 * F.length();
        int i = 0;
        for (int bound = n - step + 1; i < bound; i += step) {
            FloatVector v = FloatVector.fromArray(F, a, ao + i);
            FloatVector w = FloatVector.fromArray(F, a, ao + i + F.length());
            s0 = s0.add((DoubleVector) v.convertShape(VectorOperators.F2D, D, 0));
            s1 = s1.add((DoubleVector) v.convertShape(VectorOperators.F2D, D, 1));
            s2 = s2.add((DoubleVector) w.convertShape(VectorOperators.F2D, D, 0));
            s3 = s3.add((DoubleVector) w.convertShape(VectorOperators.F2D, D, 1));
        }
        double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[ao + i];
        return (float) s;
    }

    /** Pairwise double sum with vector leaves. */
    static double sum(double[] a, int ao, int n) {
        if (n > LEAF) {
            int half = (n / 2 + LEAF - 1) / LEAF * LEAF;
            return sum(a, ao, half) + sum(a, ao + half, n - half);
        }
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
        int l = D.length();
        int i = 0;
        for (int bound = n - 4 * l + 1; i < bound; i += 4 * l) {
            s0 = s0.add(DoubleVector.fromArray(D, a, ao + i));
            s1 = s1.add(DoubleVector.fromArray(D, a, ao + i + l));
            s2 = s2.add(DoubleVector.fromArray(D, a, ao + i + 2 * l));
            s3 = s3.add(DoubleVector.fromArray(D, a, ao + i + 3 * l));
        }
        double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[ao + i];
        return s;
    }

    /** Float dot product: four FMA accumulators of float lanes (like BLAS sdot). */
    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        int l = F.length();
        int i = 0;
        for (int bound = n - 4 * l + 1; i < bound; i += 4 * l) {
            s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
            s1 = FloatVector.fromArray(F, a, ao + i + l).fma(FloatVector.fromArray(F, b, bo + i + l), s1);
            s2 = FloatVector.fromArray(F, a, ao + i + 2 * l).fma(FloatVector.fromArray(F, b, bo + i + 2 * l), s2);
            s3 = FloatVector.fromArray(F, a, ao + i + 3 * l).fma(FloatVector.fromArray(F, b, bo + i + 3 * l), s3);
        }
        float s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    /** Double dot product: four FMA accumulators. */
    static double dot(double[] a, int ao, double[] b, int bo, int n) {
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
        int l = D.length();
        int i = 0;
        for (int bound = n - 4 * l + 1; i < bound; i += 4 * l) {
            s0 = DoubleVector.fromArray(D, a, ao + i).fma(DoubleVector.fromArray(D, b, bo + i), s0);
            s1 = DoubleVector.fromArray(D, a, ao + i + l).fma(DoubleVector.fromArray(D, b, bo + i + l), s1);
            s2 = DoubleVector.fromArray(D, a, ao + i + 2 * l).fma(DoubleVector.fromArray(D, b, bo + i + 2 * l), s2);
            s3 = DoubleVector.fromArray(D, a, ao + i + 3 * l).fma(DoubleVector.fromArray(D, b, bo + i + 3 * l), s3);
        }
        double s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    /** Largest element (NaN if any is NaN: vector max is Math.max); -inf for an empty run. */
    static float max(float[] a, int ao, int n) {
        FloatVector acc = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            acc = acc.max(FloatVector.fromArray(F, a, ao + i));
        }
        float m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) m = Math.max(m, a[ao + i]);
        return m;
    }

    /** Smallest element (NaN if any is NaN); +inf for an empty run. */
    static float min(float[] a, int ao, int n) {
        FloatVector acc = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            acc = acc.min(FloatVector.fromArray(F, a, ao + i));
        }
        float m = acc.reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) m = Math.min(m, a[ao + i]);
        return m;
    }

    /** Largest element (NaN if any is NaN); -inf for an empty run. */
    static double max(double[] a, int ao, int n) {
        DoubleVector acc = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            acc = acc.max(DoubleVector.fromArray(D, a, ao + i));
        }
        double m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) m = Math.max(m, a[ao + i]);
        return m;
    }

    /** Smallest element (NaN if any is NaN); +inf for an empty run. */
    static double min(double[] a, int ao, int n) {
        DoubleVector acc = DoubleVector.broadcast(D, Double.POSITIVE_INFINITY);
        int i = 0;
        for (int bound = D.loopBound(n); i < bound; i += D.length()) {
            acc = acc.min(DoubleVector.fromArray(D, a, ao + i));
        }
        double m = acc.reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) m = Math.min(m, a[ao + i]);
        return m;
    }
}
