package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The printed output of a SPEC case as PyTorch recorded it (golden/nn_cases.json, copied from the spec's .out
 * files by tools/golden/gen_nn_cases.py), plus Python-style formatting so a Java replay can print the same lines.
 */
final class Recorded {
    private final List<String> expected;
    private final List<String> actual = new ArrayList<>();

    Recorded(String caseName) {
        List<String> lines = new ArrayList<>();
        for (Object o : NnGolden.list(NnGolden.root("/golden/nn_cases.json").get(caseName))) lines.add((String) o);
        this.expected = lines;
    }

    /** Prints a value (multi-line strings count as several lines), as Python's print would. */
    void print(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) sb.append(i > 0 ? " " : "").append(parts[i]);
        for (String l : sb.toString().split("\n", -1)) actual.add(l);
    }

    /** Skips recorded lines this replay cannot print (1.13-only behaviour), keeping the others aligned. */
    void skip(int n) {
        for (int i = 0; i < n; i++) actual.add(expected.get(actual.size()));
    }

    /** Asserts the replay printed exactly the recorded lines (the trailing exit-code line excluded). */
    void assertMatches() {
        List<String> exp = new ArrayList<>(expected);
        if (!exp.isEmpty() && exp.get(exp.size() - 1).startsWith("[exit code")) exp.remove(exp.size() - 1);
        assertEquals(String.join("\n", exp), String.join("\n", actual));
    }

    /** The recorded line at index i. */
    String line(int i) { return expected.get(i); }

    // ---- Python formatting -----------------------------------------------------------------------------

    /** Python's {@code round(v, 6)} repr. */
    static String round6(double v) { return F.pyFloat(new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).doubleValue()); }

    /** {@code tensor.tolist()} repr: nested lists of Python floats. */
    static String tolist(Tensor t) {
        StringBuilder sb = new StringBuilder();
        tolist(t, 0, 0, sb);
        return sb.toString();
    }

    private static int tolist(Tensor t, int dim, int flat, StringBuilder sb) {
        if (dim == t.dim()) {
            sb.append(F.pyFloat(t.getFlat(flat)));
            return flat + 1;
        }
        sb.append('[');
        for (int i = 0; i < t.size(dim); i++) {
            if (i > 0) sb.append(", ");
            flat = tolist(t, dim + 1, flat, sb);
        }
        sb.append(']');
        return flat;
    }

    /** A shape as a Python tuple: {@code (4, 3)} or {@code (4,)}. */
    static String tuple(int[] shape) { return ConvRepr.tuple(shape); }

    /** Python's bool repr. */
    static String py(boolean b) { return b ? "True" : "False"; }
}
