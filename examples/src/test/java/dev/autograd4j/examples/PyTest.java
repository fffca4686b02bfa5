package dev.autograd4j.examples;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Python's printing rules as the walkthrough needs them; expected texts are what CPython 3 prints. */
class PyTest {
    @Test
    void floatsPrintAsPythonsReprIncludingItsExponentForm() {
        // CPython: repr(1e-7), repr(1e16), repr(1e15), repr(0.1), repr(-0.0), repr(123.0), repr(0.0001),
        // repr(0.00001234), repr(2.5e-300), repr(float(np.float32(0.1)))
        assertEquals("1e-07", Py.repr(1e-7));
        assertEquals("1e+16", Py.repr(1e16));
        assertEquals("1000000000000000.0", Py.repr(1e15));
        assertEquals("0.1", Py.repr(0.1));
        assertEquals("-0.0", Py.repr(-0.0));
        assertEquals("123.0", Py.repr(123.0));
        assertEquals("0.0001", Py.repr(0.0001));
        assertEquals("1.234e-05", Py.repr(0.00001234));
        assertEquals("2.5e-300", Py.repr(2.5e-300));
        assertEquals("0.10000000149011612", Py.repr(0.1f));
        assertEquals("nan", Py.repr(Double.NaN));
    }

    @Test
    void tuplesPrintWithPythonsOneElementComma() {
        assertEquals("(1,)", Py.tuple(List.of(1)).toString());
        assertEquals("()", Py.tuple(List.of()).toString());
        assertEquals("((1, 2),)", Py.tuple(List.of(Py.tuple(List.of(1, 2)))).toString());
    }

    @Test
    void printJoinsWithSpacesAndSpellsBooleansAndNullThePythonWay() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Py(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .print("a:", true, " b:", null, Py.quoted("it's"), Py.quoted("a'\"b"), new boolean[]{true, false}, 8.0);
        // CPython: print("a:", True, " b:", None, repr("it's"), repr("a'\"b"), [True, False], 8.0)
        assertEquals("a: True  b: None \"it's\" 'a\\'\"b' [True, False] 8.0\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void attemptPrintsTheResultOrTheExceptionTypeAndMessage() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Py py = new Py(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        py.attempt("ok", () -> Tensor.of(1f));
        py.attempt("void", () -> { });
        py.attempt("fails", () -> Tensor.of(1f).requiresGrad_().add_(1));
        assertEquals("ok -> OK: tensor([1.])\nvoid -> OK\nfails -> IllegalStateException: a leaf Variable that requires "
                + "grad is being used in an in-place operation.\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
