package dev.autograd4j.conformance;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Edge;
import dev.autograd4j.autograd.Node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The recorded output of one spec case ({@code /conformance/NN_name.out}, copied verbatim from
 * {@code spec/cases}: real PyTorch 1.13 output), and the Python-style formatting a Java port of the case needs to
 * reproduce its lines.
 *
 * <p>Tests build each line from Java values exactly as the case's {@code print} builds it and assert that the
 * recorded output holds that line, so every expected text comes from real PyTorch.
 */
final class Transcript {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]+");
    /** The build-specific location PyTorch appends to C++ warnings; not part of the message. */
    private static final Pattern TRIGGERED = Pattern.compile(" \\(Triggered internally at .*\\)$");

    private final String name;
    private final String text;

    private Transcript(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** Loads {@code /conformance/<name>.out}, e.g. {@code Transcript.of("05_tutorial_x4_square")}. */
    static Transcript of(String name) {
        try (InputStream in = Transcript.class.getResourceAsStream("/conformance/" + name + ".out")) {
            if (in == null) throw new IllegalStateException("missing resource /conformance/" + name + ".out");
            return new Transcript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that {@code expected} (one or more lines) appears in the recorded output as whole lines. */
    void has(String expected) {
        if (!("\n" + text).contains("\n" + expected + "\n")) {
            fail(name + ".out has no line\n  " + expected.replace("\n", "\n  ") + "\nrecorded output:\n" + text);
        }
    }

    /** Asserts that some recorded line starts with {@code prefix} (the rest is an implementation detail). */
    void hasPrefix(String prefix) {
        if (!("\n" + text).contains("\n" + prefix)) {
            fail(name + ".out has no line starting with\n  " + prefix + "\nrecorded output:\n" + text);
        }
    }

    /**
     * Asserts the line {@code attempt(label, fn)} printed: {@code label -> OK[: result]} or
     * {@code label -> RuntimeError: message}.
     */
    void attempt(String label, Supplier<?> fn) {
        String outcome;
        try {
            Object r = fn.get();
            outcome = "OK" + (r == null ? "" : ": " + py(r));
        } catch (RuntimeException e) {
            outcome = pythonType(e) + ": " + e.getMessage();
        }
        has(label + " -> " + outcome);
    }

    /** {@link #attempt(String, Supplier)} for an action with no result. */
    void attempt(String label, Runnable fn) {
        attempt(label, () -> {
            fn.run();
            return null;
        });
    }

    /**
     * Asserts {@code WARNING <warning>} was recorded, ignoring the build-specific "(Triggered internally at ...)"
     * suffix PyTorch appends to warnings raised in C++.
     */
    void hasWarning(String warning) {
        for (String line : text.split("\n")) {
            if (TRIGGERED.matcher(line).replaceFirst("").equals("WARNING " + warning)) return;
        }
        fail(name + ".out has no warning\n  " + warning + "\nrecorded output:\n" + text);
    }

    /** The Python exception type PyTorch raises where the port throws {@code e}. */
    static String pythonType(RuntimeException e) {
        if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) return "RuntimeError";
        if (e instanceof IndexOutOfBoundsException) return "IndexError";
        return e.getClass().getSimpleName(); // an unexpected type: the assertion shows it
    }

    /** Python's {@code str()} of a value: True/False, None, tuples of tensors, nodes with masked addresses. */
    static String py(Object o) {
        if (o == null) return "None";
        if (o instanceof Boolean b) return b ? "True" : "False";
        if (o instanceof Node n) return noaddr(n.toString());
        if (o instanceof Edge e) return noaddr(e.toString());
        if (o instanceof List<?> l) return tuple(l);
        if (o instanceof Tensor t) return t.toString();
        return String.valueOf(o);
    }

    /** Python's repr of a tuple: {@code (a, b)}, {@code (a,)}, {@code ()}. */
    static String tuple(List<?> items) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(py(items.get(i)));
        }
        if (items.size() == 1) sb.append(',');
        return sb.append(')').toString();
    }

    /** The case helper {@code noaddr}: masks {@code 0x...} addresses. */
    static String noaddr(String s) { return ADDRESS.matcher(s).replaceAll("0x..."); }

    /** Case 24's line for a result: {@code name dtype=... requires_grad=...  grad_fn=...}. */
    static String nondiff(String name, Tensor r) {
        return String.format("%-18s dtype=%-14s requires_grad=%s  grad_fn=%s", name, r.dtype().torchName(),
                py(r.requiresGrad()), fnName(r));
    }

    /** {@code type(t.grad_fn).__name__} ({@code None} for a leaf). */
    static String fnName(Tensor t) { return t.gradFn() == null ? "None" : t.gradFn().name(); }
}
