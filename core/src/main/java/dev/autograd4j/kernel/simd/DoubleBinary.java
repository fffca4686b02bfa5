package dev.autograd4j.kernel.simd;

import dev.autograd4j.kernel.Kernels.BinaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector loops for the double binary ops whose lanewise form is exact (so results match the scalar kernels bit for
 * bit). Each op has its own loop because C2 only intrinsifies a lanewise operator that is a compile-time constant.
 * Vector max/min are defined as Math.max/min: NaN propagates and -0.0 &lt; +0.0, as in torch.maximum.
 * Each method returns how many leading elements it computed (0 for ops left to the scalar loop: POW, ATAN2).
 */
final class DoubleBinary {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private DoubleBinary() {
    }

    /** Tensor op tensor: computes the leading elements with vectors and returns how many. */
    static int apply(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] out, int oo, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        switch (op) {
            case ADD -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).add(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case SUB -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).sub(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MUL -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).mul(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case DIV -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).div(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MAXIMUM -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).max(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MINIMUM -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).min(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            default -> {
                return 0;
            }
        }
        return i;
    }

    /** Tensor op scalar: computes the leading elements with vectors and returns how many. */
    static int applyScalarRight(BinaryOp op, double[] a, int ao, double s, double[] out, int oo, int n) {
        int bound = S.loopBound(n);
        DoubleVector sv = DoubleVector.broadcast(S, s);
        int i = 0;
        switch (op) {
            case ADD -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).add(sv).intoArray(out, oo + i);
            }
            case SUB -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).sub(sv).intoArray(out, oo + i);
            }
            case MUL -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).mul(sv).intoArray(out, oo + i);
            }
            case DIV -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).div(sv).intoArray(out, oo + i);
            }
            case MAXIMUM -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).max(sv).intoArray(out, oo + i);
            }
            case MINIMUM -> {
                for (; i < bound; i += S.length()) DoubleVector.fromArray(S, a, ao + i).min(sv).intoArray(out, oo + i);
            }
            default -> {
                return 0;
            }
        }
        return i;
    }

    /** Scalar op tensor: computes the leading elements with vectors and returns how many. */
    static int applyScalarLeft(BinaryOp op, double s, double[] b, int bo, double[] out, int oo, int n) {
        int bound = S.loopBound(n);
        DoubleVector sv = DoubleVector.broadcast(S, s);
        int i = 0;
        switch (op) {
            case ADD -> {
                for (; i < bound; i += S.length()) sv.add(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case SUB -> {
                for (; i < bound; i += S.length()) sv.sub(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MUL -> {
                for (; i < bound; i += S.length()) sv.mul(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case DIV -> {
                for (; i < bound; i += S.length()) sv.div(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MAXIMUM -> {
                for (; i < bound; i += S.length()) sv.max(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            case MINIMUM -> {
                for (; i < bound; i += S.length()) sv.min(DoubleVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
            }
            default -> {
                return 0;
            }
        }
        return i;
    }

}
