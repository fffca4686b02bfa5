package dev.autograd4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScalarMathTest {

    /** {x, erf(x)} from CPython's math.erf (glibc): python3 -c "import math; print(math.erf(x))". */
    private static final double[][] ERF = {
        {0.0, 0.0}, {1e-10, 1.1283791670955126e-10}, {0.001, 0.0011283787909692365}, {0.1, 0.1124629160182849},
        {0.3, 0.3286267594591274}, {0.5, 0.5204998778130465}, {0.84375, 0.7672256612323416},
        {0.9, 0.7969082124228322}, {1.0, 0.8427007929497149}, {1.25, 0.9229001282564582},
        {1.5, 0.9661051464753108}, {2.0, 0.9953222650189527}, {2.4, 0.999311486103355},
        {2.5, 0.999593047982555}, {2.6, 0.9997639655834707}, {3.0, 0.9999779095030014},
        {3.5, 0.9999992569016276}, {4.0, 0.9999999845827421}, {5.0, 0.9999999999984626},
        {5.9, 0.9999999999999999}, {6.5, 1.0},
    };

    @Test
    void erfMatchesLibmToAFewUlp() {
        for (double[] row : ERF) {
            double x = row[0];
            double want = row[1];
            assertEquals(want, ScalarMath.erf(x), 8 * Math.ulp(want), "erf(" + x + ")");
            assertEquals(-want, ScalarMath.erf(-x), 8 * Math.ulp(want), "erf(" + -x + ")");
        }
    }

    @Test
    void erfHandlesSpecialValues() {
        assertTrue(Double.isNaN(ScalarMath.erf(Double.NaN)));
        assertEquals(1.0, ScalarMath.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, ScalarMath.erf(Double.NEGATIVE_INFINITY));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(ScalarMath.erf(-0.0)));
    }

    @Test
    void log2IsExactAtPowersOfTwo() {
        for (int e = -1074; e <= 1023; e++) {
            assertEquals(e, ScalarMath.log2(Math.scalb(1.0, e)), "log2(2^" + e + ")");
        }
        assertEquals(Math.log(10.0) / Math.log(2.0), ScalarMath.log2(10.0), 2 * Math.ulp(3.3));
        assertTrue(Double.isNaN(ScalarMath.log2(-1.0)));
        assertEquals(Double.NEGATIVE_INFINITY, ScalarMath.log2(0.0));
        assertEquals(Double.POSITIVE_INFINITY, ScalarMath.log2(Double.POSITIVE_INFINITY));
    }
}
