package dev.autograd4j.kernel;

/**
 * Special functions the JDK lacks ({@code erf}, an exact-at-powers-of-two {@code log2}), in double precision.
 *
 * <pre>{@code double e = ScalarMath.erf(0.5); // 0.5204998778130465}</pre>
 */
public final class ScalarMath {

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;
    private static final double INV_LN2 = 1.4426950408889634;
    private static final double SQRT2 = 1.4142135623730951;
    /** Below this the power series is used; above it the continued fraction for erfc needs < 160 terms. */
    private static final double SERIES_LIMIT = 1.25;
    /** erfc(6) ~ 2e-17 is below half an ulp of 1, so erf rounds to exactly 1 from here on. */
    private static final double SATURATION = 6.0;

    private ScalarMath() {
    }

    /**
     * The error function, accurate to within ~6 ulp in double precision (below 1e-15 relative).
     *
     * <pre>{@code ScalarMath.erf(1.0); // 0.8427007929497149}</pre>
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        double r;
        if (ax >= SATURATION) {
            r = 1.0;
        } else if (ax <= SERIES_LIMIT) {
            r = erfSeries(ax);
        } else {
            r = 1.0 - erfcContinuedFraction(ax);
        }
        return Math.copySign(r, x);
    }

    /**
     * erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)); every term is positive, so unlike the
     * alternating Taylor series nothing cancels and the sum keeps full precision.
     */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double twoX2 = 2.0 * x2;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= twoX2 / (2 * n + 1);
            sum += term;
            if (term <= sum * 1e-17) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * expMinusSquare(x, x2) * sum;
    }

    /** erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), by the modified Lentz method. */
    private static double erfcContinuedFraction(double x) {
        final double tiny = 1e-300;
        double f = x;
        double c = f;
        double d = 0.0;
        for (int j = 1; j < 500; j++) {
            double aj = 0.5 * j;
            d = x + aj * d;
            d = d == 0.0 ? tiny : d;
            c = x + aj / c;
            c = c == 0.0 ? tiny : c;
            d = 1.0 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1.0) < 1e-16) {
                break;
            }
        }
        return ONE_OVER_SQRT_PI * expMinusSquare(x, x * x) / f;
    }

    /** exp(-x^2) with the rounding error of x*x put back in, since exp magnifies it by x^2. */
    private static double expMinusSquare(double x, double x2) {
        double lo = Math.fma(x, x, -x2);
        return Math.exp(-x2) * (1.0 - lo);
    }

    /**
     * Base-2 logarithm, exact at powers of two (unlike {@code Math.log(x) / Math.log(2)}).
     *
     * <pre>{@code ScalarMath.log2(8.0); // 3.0}</pre>
     */
    public static double log2(double x) {
        if (!(x > 0.0) || x == Double.POSITIVE_INFINITY) {
            return Math.log(x); // NaN, -inf at 0, NaN for negatives, +inf at +inf: the same as log2
        }
        int e = Math.getExponent(x);
        double m;
        if (e == Double.MIN_EXPONENT - 1) { // subnormal: normalise first
            double y = x * 0x1p54;
            e = Math.getExponent(y) - 54;
            m = Math.scalb(y, -(e + 54));
        } else {
            m = Math.scalb(x, -e);
        }
        // Keep log(m) small so its absolute error stays far below an ulp of the result.
        if (m > SQRT2) {
            m *= 0.5;
            e++;
        }
        return e + Math.log(m) * INV_LN2;
    }
}
