package dev.autograd4j.kernel.simd;

import dev.autograd4j.kernel.Kernels.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector loops for the float binary ops whose lanewise form is exact (so results match the scalar kernels bit for
 * bit). Each op has its own loop because C2 only intrinsifies a lanewise operator that is a compile-time constant.
 * Vector max/min are defined as Math.max/min: NaN propagates and -0.0 &lt; +0.0, as in torch.maximum.
 * Each method returns how many leading elements it computed (0 for ops left to the scalar loop: POW, ATAN2).
 */
final class FloatBinary {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FloatBinary() {
    }

    /** {@code y <= threshold ? 0 : g} (ReLU's backward): computes the leading elements and returns how many. */
    static int thresholdBackward(float[] g, int go, float[] y, int yo, float threshold, float[] out, int oo, int n) {
        int bound = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (; i < bound; i += S.length()) {
            // compare(LE) is false for NaN, so a NaN output lets the gradient through, as in the scalar loop.
            FloatVector.fromArray(S, g, go + i)
                    .blend(zero, FloatVector.fromArray(S, y, yo + i).compare(VectorOperators.LE, threshold))
                    .intoArray(out, oo + i);
        }
        return i;
    }

    /** Tensor op tensor: computes the leading elements with vectors and returns how many. */
    static int apply(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        switch (op) {
            case ADD -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case SUB -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).sub(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MUL -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case DIV -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).div(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MAXIMUM -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).max(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MINIMUM -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).min(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            default -> {
                return 0;
            }
        }
        return i;
    }

    /** Tensor op scalar: computes the leading elements with vectors and returns how many. */
    static int applyScalarRight(BinaryOp op, float[] a, int ao, float s, float[] out, int oo, int n) {
        int bound = S.loopBound(n);
        FloatVector sv = FloatVector.broadcast(S, s);
        int i = 0;
        switch (op) {
            case ADD -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).add(sv).intoArray(out, oo + i);
            }
            case SUB -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).sub(sv).intoArray(out, oo + i);
            }
            case MUL -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).mul(sv).intoArray(out, oo + i);
            }
            case DIV -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).div(sv).intoArray(out, oo + i);
            }
            case MAXIMUM -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).max(sv).intoArray(out, oo + i);
            }
            case MINIMUM -> {
                for (; i < bound; i += S.length()) FloatVector.fromArray(S, a, ao + i).min(sv).intoArray(out, oo + i);
            }
            default -> {
                return 0;
            }
        }
        return i;
    }

    /** Scalar op tensor: computes the leading elements with vectors and returns how many. */
    static int applyScalarLeft(BinaryOp op, float s, float[] b, int bo, float[] out, int oo, int n) {
        int bound = S.loopBound(n);
        FloatVector sv = FloatVector.broadcast(S, s);
        int i = 0;
        switch (op) {
            case ADD -> {
                for (; i < bound; i += S.length()) sv.add(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case SUB -> {
                for (; i < bound; i += S.length()) sv.sub(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MUL -> {
                for (; i < bound; i += S.length()) sv.mul(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case DIV -> {
                for (; i < bound; i += S.length()) sv.div(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MAXIMUM -> {
                for (; i < bound; i += S.length()) sv.max(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MINIMUM -> {
                for (; i < bound; i += S.length()) sv.min(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            default -> {
                return 0;
            }
        }
        return i;
    }

}
