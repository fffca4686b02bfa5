package dev.autograd4j.examples;

import dev.autograd4j.Warnings;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Python's way of printing values, so the walkthrough's lines read exactly like the PyTorch tutorials' output:
 * {@code print(a, b)} joins with a space, booleans print as {@code True}, null as {@code None}, floats as
 * {@code repr(float)}, and the spec cases' helpers {@code attempt}, {@code caught_warnings} and {@code noaddr}.
 *
 * <pre>{@code
 * Py py = new Py(System.out);
 * py.print("x.grad:", x.grad());            // x.grad: tensor(8.)
 * }</pre>
 */
final class Py {
    private final PrintStream out;

    /** A printer writing to {@code out}: {@code new Py(System.out)}. */
    Py(PrintStream out) { this.out = out; }

    /** A Python tuple of the given items, printed {@code (a, b)}, {@code (a,)} or {@code ()}: {@code Py.tuple(g)}. */
    record Tuple(List<?> items) {
        @Override
        public String toString() {
            StringJoiner j = new StringJoiner(", ", "(", items.size() == 1 ? ",)" : ")");
            for (Object o : items) j.add(str(o));
            return j.toString();
        }
    }

    /** Wraps a list so it prints as a Python tuple: {@code py.print("autograd.grad:", Py.tuple(grads))}. */
    static Tuple tuple(List<?> items) { return new Tuple(items); }

    /** A string that prints as Python's {@code repr(str)} (ASCII text): {@code Py.quoted("layer1.weight")} prints {@code 'layer1.weight'}. */
    static Object quoted(String s) {
        // Python quotes with ' unless the text holds a ' and no "; backslashes and the chosen quote get escaped.
        String q = s.contains("'") && !s.contains("\"") ? "\"" : "'";
        String r = q + s.replace("\\", "\\\\").replace(q, "\\" + q) + q;
        return new Object() {
            @Override
            public String toString() { return r; }
        };
    }

    /** Python's {@code print(*parts)}: each part as {@code str()}, joined by one space: {@code py.print("z:", z)}. */
    void print(Object... parts) {
        StringJoiner j = new StringJoiner(" ");
        for (Object p : parts) j.add(str(p));
        out.println(j);
    }

    /** Python's {@code str()} of a value: {@code Py.str(true)} is {@code "True"}, {@code Py.str(null)} is {@code "None"}. */
    static String str(Object o) {
        return switch (o) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case Double d -> repr(d);
            case Float f -> repr(f.doubleValue());
            case boolean[] bs -> boolList(bs);
            case List<?> l -> {
                StringJoiner j = new StringJoiner(", ", "[", "]");
                for (Object e : l) j.add(str(e));
                yield j.toString();
            }
            default -> o.toString();
        };
    }

    /** Python's {@code tensor.tolist()} of a bool tensor, printed: {@code [True, False]}. */
    private static String boolList(boolean[] values) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (boolean b : values) j.add(b ? "True" : "False");
        return j.toString();
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that round-trip (as Java's Double.toString since JDK 19),
     * in positional form for exponents -4..15 and as {@code 1e-07} outside: {@code Py.repr(8.0)} is {@code "8.0"}.
     */
    static String repr(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return 1 / v < 0 ? "-0.0" : "0.0";
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        String plain = d.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /** The spec cases' {@code noaddr}: masks object addresses, which differ run to run: {@code 0x1f2e -> 0x...}. */
    static String noaddr(Object o) { return str(o).replaceAll("0x[0-9a-fA-F]+", "0x..."); }

    /**
     * The spec cases' {@code attempt(label, fn)}: runs {@code body} and prints {@code label -> OK}, {@code label -> OK: r},
     * or {@code label -> ExceptionType: message}: {@code py.attempt("x.add_(1)", () -> x.add_(1))}.
     */
    void attempt(String label, Supplier<?> body) {
        try {
            Object r = body.get();
            out.println(label + " -> OK" + (r == null ? "" : ": " + str(r)));
        } catch (RuntimeException e) {
            out.println(label + " -> " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** {@link #attempt(String, Supplier)} for a body without a result: {@code py.attempt("backward", () -> y.backward())}. */
    void attempt(String label, Runnable body) {
        attempt(label, () -> {
            body.run();
            return null;
        });
    }

    /**
     * The spec cases' {@code caught_warnings(fn)}: runs {@code body}, prints each warning it raised as
     * {@code WARNING UserWarning: ...}, and returns its result: {@code py.caughtWarnings(() -> y.grad())}.
     */
    <T> T caughtWarnings(Supplier<T> body) {
        Object[] result = new Object[1];
        List<String> warnings = Warnings.capture(() -> result[0] = body.get());
        for (String w : warnings) out.println("WARNING " + w);
        @SuppressWarnings("unchecked")
        T r = (T) result[0];
        return r;
    }
}
