package dev.autograd4j.print;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's float formatting ({@code '{:.Nf}'} and {@code '{:.Ne}'}), reproduced exactly.
 *
 * <p>Python rounds the exact binary value of the double half-to-even, keeps the sign of negative values
 * (including {@code -0.0} and negatives that round to zero), prints {@code nan}/{@code inf}/{@code -inf}
 * and writes exponents with a sign and at least two digits. {@link String#format} differs on exact ties
 * ({@code 0.125 -> "0.13"} where Python gives {@code "0.12"}), so this class works on {@link BigDecimal}.
 */
final class PyFormat {

    private PyFormat() {
    }

    /** {@code '{:.<precision>f}'.format(v)}, e.g. {@code fixed(2.00005, 4) -> "2.0001"} (the double is above the tie). */
    static String fixed(double v, int precision) {
        String special = nonFinite(v);
        if (special != null) {
            return special;
        }
        String s = new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        if (isNegative(v) && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    /** {@code '{:.<precision>e}'.format(v)}, e.g. {@code sci(1e-5, 4) -> "1.0000e-05"}. */
    static String sci(double v, int precision) {
        String special = nonFinite(v);
        if (special != null) {
            return special;
        }
        String sign = isNegative(v) ? "-" : "";
        String digits;
        int exponent;
        if (v == 0.0) {
            digits = "0";
            exponent = 0;
        } else {
            BigDecimal rounded = new BigDecimal(Math.abs(v)).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            digits = rounded.unscaledValue().toString();
            exponent = digits.length() - 1 - rounded.scale();
        }
        StringBuilder sb = new StringBuilder(precision + 8);
        sb.append(sign).append(digits.charAt(0));
        if (precision > 0) {
            sb.append('.');
            for (int i = 1; i <= precision; i++) {
                sb.append(i < digits.length() ? digits.charAt(i) : '0');
            }
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int absExp = Math.abs(exponent);
        if (absExp < 10) {
            sb.append('0');
        }
        sb.append(absExp);
        return sb.toString();
    }

    private static String nonFinite(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return null;
    }

    private static boolean isNegative(double v) {
        return v < 0 || (v == 0.0 && Double.doubleToRawLongBits(v) != 0L);
    }
}
