package dev.autograd4j.golden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader for the golden fixtures under {@code src/test/resources/golden/} (written by
 * {@code tools/golden/gen_*.py} from real PyTorch). JDK only: a minimal JSON parser plus the case model.
 *
 * <p>JSON values map to {@code Map<String,Object>} (insertion ordered), {@code List<Object>}, {@code String},
 * {@code Long} (numbers without fraction/exponent), {@code Double}, {@code Boolean} and {@code null}.
 * Float data use the strings {@code "nan"}, {@code "inf"}, {@code "-inf"} for non-finite values.
 */
final class GoldenFixture {

    /** One tensor as stored in a fixture: a case input, an output, the upstream gradient or a grad. */
    record TensorData(int[] shape, String dtype, List<Object> data, boolean requiresGrad, List<Object> view) {

        int numel() {
            int n = 1;
            for (int s : shape) n *= s;
            return n;
        }

        double[] doubles() {
            double[] out = new double[data.size()];
            for (int i = 0; i < out.length; i++) out[i] = toDouble(data.get(i));
            return out;
        }

        float[] floats() {
            float[] out = new float[data.size()];
            for (int i = 0; i < out.length; i++) out[i] = (float) toDouble(data.get(i));
            return out;
        }

        long[] longs() {
            long[] out = new long[data.size()];
            for (int i = 0; i < out.length; i++) out[i] = ((Number) data.get(i)).longValue();
            return out;
        }

        boolean[] bools() {
            boolean[] out = new boolean[data.size()];
            for (int i = 0; i < out.length; i++) out[i] = (Boolean) data.get(i);
            return out;
        }
    }

    /** One golden case; {@code outputs} has one element for single-output ops. */
    record Case(String fixture, String id, String op, Map<String, Object> args, List<TensorData> inputs,
                List<TensorData> outputs, boolean multiOutput, TensorData gradOutput, List<TensorData> grads) {
        @Override
        public String toString() { return fixture + ":" + id; }
    }

    record Fixture(String torchVersion, List<Case> cases) { }

    private GoldenFixture() { }

    static Fixture load(String resource) {
        try (InputStream in = GoldenFixture.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            Object root = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Object> m = asMap(root);
            List<Case> cases = new ArrayList<>();
            for (Object o : asList(m.get("cases"))) cases.add(toCase(resource, asMap(o)));
            return new Fixture((String) m.get("torch"), cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw JSON objects of a fixture's cases, for fields beyond {@link Case} (such as ops2.json's "grad_fn"). */
    static List<Map<String, Object>> rawCases(String resource) {
        try (InputStream in = GoldenFixture.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            List<Map<String, Object>> r = new ArrayList<>();
            for (Object o : asList(asMap(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))).get("cases"))) r.add(asMap(o));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case toCase(String fixture, Map<String, Object> c) {
        Map<String, Object> args = c.containsKey("args") ? asMap(c.get("args")) : Map.of();
        List<TensorData> inputs = new ArrayList<>();
        for (Object o : asList(c.get("inputs"))) inputs.add(tensor(asMap(o)));
        boolean multi = c.containsKey("outputs");
        List<TensorData> outputs = new ArrayList<>();
        if (multi) {
            for (Object o : asList(c.get("outputs"))) outputs.add(tensor(asMap(o)));
        } else {
            outputs.add(tensor(asMap(c.get("output"))));
        }
        TensorData gout = c.get("grad_output") == null ? null : tensor(asMap(c.get("grad_output")));
        List<TensorData> grads = new ArrayList<>();
        for (Object o : asList(c.get("grads"))) grads.add(o == null ? null : tensor(asMap(o)));
        return new Case(fixture, (String) c.get("id"), (String) c.get("op"), args, inputs, outputs, multi, gout, grads);
    }

    private static TensorData tensor(Map<String, Object> t) {
        List<Object> shapeList = asList(t.get("shape"));
        int[] shape = new int[shapeList.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = ((Number) shapeList.get(i)).intValue();
        return new TensorData(shape, (String) t.get("dtype"), asList(t.get("data")),
                Boolean.TRUE.equals(t.get("requires_grad")),
                t.containsKey("view") ? asList(t.get("view")) : List.of());
    }

    // ---- value helpers -------------------------------------------------------------------------------

    static double toDouble(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof String s) {
            return switch (s) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("not a number: " + s);
            };
        }
        throw new IllegalArgumentException("not a number: " + o);
    }

    static int[] toInts(Object o) {
        List<Object> l = asList(o);
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).intValue();
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) { return (Map<String, Object>) o; }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o) { return (List<Object>) o; }

    // ---- minimal JSON parser ---------------------------------------------------------------------------

    static Object parse(String text) {
        Parser p = new Parser(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.pos != text.length()) throw p.error("trailing characters");
        return v;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) { this.s = s; }

        IllegalArgumentException error(String msg) {
            return new IllegalArgumentException("JSON " + msg + " at offset " + pos);
        }

        void ws() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) throw error("expected '" + c + "'");
            pos++;
        }

        Object value() {
            if (pos >= s.length()) throw error("unexpected end");
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) throw error("bad literal");
            pos += word.length();
            return v;
        }

        Map<String, Object> object() {
            expect('{');
            Map<String, Object> m = new LinkedHashMap<>();
            ws();
            if (s.charAt(pos) == '}') { pos++; return m; }
            while (true) {
                ws();
                String k = string();
                ws();
                expect(':');
                ws();
                m.put(k, value());
                ws();
                if (s.charAt(pos) == ',') { pos++; continue; }
                expect('}');
                return m;
            }
        }

        List<Object> array() {
            expect('[');
            List<Object> l = new ArrayList<>();
            ws();
            if (s.charAt(pos) == ']') { pos++; return l; }
            while (true) {
                ws();
                l.add(value());
                ws();
                if (s.charAt(pos) == ',') { pos++; continue; }
                expect(']');
                return l;
            }
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw error("unterminated string");
                char c = s.charAt(pos++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> { b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16)); pos += 4; }
                    default -> throw error("bad escape");
                }
            }
        }

        Object number() {
            int start = pos;
            boolean integral = true;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '.' || c == 'e' || c == 'E') integral = false;
                else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) break;
                pos++;
            }
            if (start == pos) throw error("unexpected character");
            String t = s.substring(start, pos);
            return integral ? (Object) Long.parseLong(t) : (Object) Double.parseDouble(t);
        }
    }
}
