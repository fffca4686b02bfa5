package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads {@code golden/nn.json} (written by {@code tools/golden/gen_nn.py} from real PyTorch) and compares tensors
 * with it. JDK only; shared by the nn and optim golden tests.
 */
public final class NnGolden {
    private static final Map<String, Map<String, Object>> ROOTS = new java.util.HashMap<>();

    private NnGolden() {}

    /** The fixture's top-level object, parsed once. */
    public static Map<String, Object> root() { return root("/golden/nn.json"); }

    /** A JSON test resource's top-level object, parsed once: {@code NnGolden.root("/golden/nn_cases.json")}. */
    public static synchronized Map<String, Object> root(String resource) {
        return ROOTS.computeIfAbsent(resource, r -> {
            try (InputStream in = NnGolden.class.getResourceAsStream(r)) {
                if (in == null) throw new IllegalStateException("missing test resource " + r);
                return map(new Parser(new String(in.readAllBytes(), StandardCharsets.UTF_8)).value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The cases of one section ("layers", "losses", "optimizers", "schedulers"). */
    public static List<Map<String, Object>> cases(String section) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list(root().get(section))) out.add(map(o));
        return out;
    }

    /** A fixture tensor ({shape, dtype, data}) as a Tensor, or null for JSON null. */
    public static Tensor tensor(Object o) {
        if (o == null) return null;
        Map<String, Object> t = map(o);
        int[] shape = ints(t.get("shape"));
        List<Object> data = list(t.get("data"));
        if ("int64".equals(t.get("dtype"))) {
            long[] v = new long[data.size()];
            for (int i = 0; i < v.length; i++) v[i] = ((Number) data.get(i)).longValue();
            return Tensor.of(v, shape);
        }
        float[] v = new float[data.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) num(data.get(i));
        return Tensor.of(v, shape);
    }

    /** Asserts shape and values within {@code atol + rtol * |expected|}. */
    public static void assertClose(Object expected, Tensor actual, double rtol, double atol, String what) {
        Tensor e = tensor(expected);
        if (e == null) {
            if (actual != null) fail(what + ": expected null but got " + actual);
            return;
        }
        if (actual == null) fail(what + ": expected " + e + " but got null");
        assertArrayEquals(e.shape(), actual.shape(), what + ": shape");
        for (int i = 0; i < e.numel(); i++) {
            double x = e.getFlat(i), y = actual.getFlat(i);
            if (Double.isNaN(x) && Double.isNaN(y)) continue;
            if (Math.abs(x - y) > atol + rtol * Math.abs(x)) {
                fail(what + ": element " + i + " expected " + x + " but got " + y + "\nexpected " + e + "\nactual   " + actual);
            }
        }
    }

    /** Asserts two doubles within {@code atol + rtol * |expected|}. */
    public static void assertClose(double expected, double actual, double rtol, double atol, String what) {
        if (Math.abs(expected - actual) > atol + rtol * Math.abs(expected)) {
            assertEquals(expected, actual, what);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) { return (Map<String, Object>) o; }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object o) { return (List<Object>) o; }

    public static double num(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        return switch ((String) o) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("not a number: " + o);
        };
    }

    public static int[] ints(Object o) {
        List<Object> l = list(o);
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = ((Number) l.get(i)).intValue();
        return r;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) { this.s = s; }

        Object value() {
            ws();
            char c = s.charAt(pos);
            switch (c) {
                case '{': {
                    pos++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(pos) == '}') { pos++; return m; }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        pos++; // ':'
                        m.put(k, value());
                        ws();
                        if (s.charAt(pos++) == '}') return m;
                    }
                }
                case '[': {
                    pos++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(pos) == ']') { pos++; return l; }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(pos++) == ']') return l;
                    }
                }
                case '"': return string();
                case 't': pos += 4; return Boolean.TRUE;
                case 'f': pos += 5; return Boolean.FALSE;
                case 'n': pos += 4; return null;
                default: {
                    int start = pos;
                    while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) pos++;
                    String n = s.substring(start, pos);
                    if (n.contains(".") || n.contains("e") || n.contains("E")) return Double.parseDouble(n);
                    return Long.parseLong(n);
                }
            }
        }

        String string() {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (s.charAt(pos) != '"') {
                char c = s.charAt(pos++);
                if (c == '\\') {
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'u' -> { sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16)); pos += 4; }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            pos++;
            return sb.toString();
        }

        void ws() { while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++; }
    }
}
