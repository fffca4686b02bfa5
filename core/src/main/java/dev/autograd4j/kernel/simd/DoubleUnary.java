package dev.autograd4j.kernel.simd;

import dev.autograd4j.kernel.Kernels.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector loops for the double unary ops. Arithmetic ones (neg, abs, sqrt, square, reciprocal, rsqrt, relu, sign) are
 * exact and match the scalar kernels bit for bit; transcendental ones use the JDK's vector math (SVML on x86),
 * within a few ulp. Floor, ceil, round, erf and log2 have no exact lanewise form and are left to the scalar loop.
 * Each op has its own loop because C2 only intrinsifies a lanewise operator that is a compile-time constant.
 */
final class DoubleUnary {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private DoubleUnary() {
    }

    /** Computes the leading elements of {@code out = op(a)} with vectors and returns how many (0 if none). */
    static int apply(UnaryOp op, double[] a, int ao, double[] out, int oo, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1);
        DoubleVector minusOne = DoubleVector.broadcast(S, -1);
        switch (op) {
            case NEG -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.neg().intoArray(out, oo + i);
                }
            }
            case ABS -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.abs().intoArray(out, oo + i);
                }
            }
            case SQRT -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.sqrt().intoArray(out, oo + i);
                }
            }
            case SQUARE -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.mul(v).intoArray(out, oo + i);
                }
            }
            case RECIPROCAL -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    one.div(v).intoArray(out, oo + i);
                }
            }
            case RSQRT -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    one.div(v.sqrt()).intoArray(out, oo + i);
                }
            }
            case RELU -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.blend(zero, v.lt(zero)).intoArray(out, oo + i);
                }
            }
            case SIGN -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    zero.blend(one, v.compare(VectorOperators.GT, zero)).blend(minusOne, v.lt(zero)).intoArray(out, oo + i);
                }
            }
            case EXP -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.EXP).intoArray(out, oo + i);
                }
            }
            case LOG -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.LOG).intoArray(out, oo + i);
                }
            }
            case SIN -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.SIN).intoArray(out, oo + i);
                }
            }
            case COS -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.COS).intoArray(out, oo + i);
                }
            }
            case TAN -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.TAN).intoArray(out, oo + i);
                }
            }
            case TANH -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.TANH).intoArray(out, oo + i);
                }
            }
            case SINH -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.SINH).intoArray(out, oo + i);
                }
            }
            case COSH -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.COSH).intoArray(out, oo + i);
                }
            }
            case ASIN -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.ASIN).intoArray(out, oo + i);
                }
            }
            case ACOS -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.ACOS).intoArray(out, oo + i);
                }
            }
            case ATAN -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.ATAN).intoArray(out, oo + i);
                }
            }
            case LOG1P -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.LOG1P).intoArray(out, oo + i);
                }
            }
            case EXPM1 -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    v.lanewise(VectorOperators.EXPM1).intoArray(out, oo + i);
                }
            }
            case SIGMOID -> {
                for (; i < bound; i += S.length()) {
                    DoubleVector v = DoubleVector.fromArray(S, a, ao + i);
                    one.div(one.add(v.neg().lanewise(VectorOperators.EXP))).intoArray(out, oo + i);
                }
            }
            default -> {
                return 0;
            }
        }
        return i;
    }
}
