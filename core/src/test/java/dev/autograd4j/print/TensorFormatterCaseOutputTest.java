package dev.autograd4j.print;

import dev.autograd4j.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the print statements of spec cases 50, 51 and 52 in order and compares the whole standard output with
 * the recorded {@code .out} files (copied to {@code print/} in the test resources), line for line.
 *
 * <p>Left out on purpose: case 50's float16, int32 and complex tensors (dtypes autograd4j lacks) and its two
 * lines that print grad_fn objects rather than tensors; case 51's {@code sci_mode=False} line, which PyTorch 2.x
 * prints differently from the recorded 1.13 (see {@link TensorFormatterGoldenTest}), is replaced by the 2.x line.
 */
@DisplayName("The whole recorded output of spec cases 50, 51 and 52")
class TensorFormatterCaseOutputTest {

    private static final String RG = "requires_grad=True";

    private final List<String> out = new ArrayList<>();

    @AfterEach
    void restoreDefaultPrintOptions() {
        PrintOptions.reset();
    }

    /** Python's print(*args): the arguments joined by spaces, then a newline. */
    private void print(String... args) {
        out.addAll(List.of(String.join(" ", args).split("\n", -1)));
    }

    private static List<String> recorded(String file) throws IOException {
        try (InputStream in = TensorFormatterCaseOutputTest.class.getResourceAsStream("/print/" + file)) {
            if (in == null) {
                throw new IOException("missing test resource print/" + file);
            }
            List<String> lines = new ArrayList<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .split("\n", -1)));
            // drop the trailing "" after the final newline and the runner's "[exit code 0]"
            while (!lines.isEmpty() && (lines.getLast().isEmpty() || lines.getLast().startsWith("[exit code"))) {
                lines.removeLast();
            }
            return lines;
        }
    }

    private static String t(int[] shape, DType dtype, ElementReader r, String... suffixes) {
        return TensorFormatter.format(shape, dtype, r, List.of(suffixes));
    }

    private static String f32(int[] shape, String[] suffixes, double... v) {
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        return t(shape, DType.FLOAT32, ElementReader.ofFloats(f), suffixes);
    }

    private static String f32(double... v) {
        return f32(new int[]{v.length}, new String[0], v);
    }

    private static String vec(String suffix, double... v) {
        return f32(new int[]{v.length}, new String[]{suffix}, v);
    }

    private static String scalar(double v, String... suffixes) {
        return f32(new int[0], suffixes, v);
    }

    private static String f64(int[] shape, String[] suffixes, double... v) {
        return t(shape, DType.FLOAT64, ElementReader.ofDoubles(v), suffixes);
    }

    private static double[] arange(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    private static String gradFn(String name) {
        return "grad_fn=<" + name + ">";
    }

    @Test
    void case50PrintsEveryTensorOfASupportedDtypeAsRecorded() throws IOException {
        print(vec(RG, 1, 2));
        print(vec(gradFn("SinBackward0"), Math.sin(1f), Math.sin(2f)));
        print(vec(gradFn("MulBackward0"), 2, 4), "| str() same as repr():", "True");
        print(scalar(3));
        print(scalar(3, RG));
        print(scalar(7, gradFn("MulBackward0")));
        print(f64(new int[]{2}, new String[]{RG}, 1, 2));
        print(f64(new int[]{2}, new String[]{gradFn("MulBackward0")}, 2, 4));
        // float16 line left out
        print(t(new int[]{2}, DType.INT64, ElementReader.ofLongs(1, 2)));
        // int32 line left out
        print(t(new int[]{2}, DType.BOOL, ElementReader.ofBooleans(true, false)));
        print(f32(1.5, 2.25));
        print(f32(1, 2));
        print(f32());
        print(f32(new int[]{0, 3}, new String[0]));
        print(f32(new int[]{0, 3}, new String[]{RG}));
        print(f32(new int[]{2, 0}, new String[0]));
        print(t(new int[]{0}, DType.INT64, ElementReader.ofLongs()));
        print(f64(new int[]{0}, new String[]{RG}));
        print(f64(new int[]{7}, new String[]{gradFn("MulBackward0")},
                1.2345, 2.3456, 3.4567, 4.5678, 5.6789, 6.7891, 7.8912));
        print(vec(gradFn("SumBackward1"), 2, 2));
        print(f32(new int[]{2, 2}, new String[]{RG}, 1, 2, 3, 4));
        print(f32(new int[]{2, 2, 2}, new String[0], 1, 1, 1, 1, 1, 1, 1, 1));
        print(f32(new int[]{2, 2}, new String[0], -1, 2.5, 3, -40));
        // complex line left out
        print(f32(2, 4));
        print(vec(gradFn("AddBackward0"), 2, 3));
        print(vec(gradFn("CopySlices"), 0, 2));
        print(f32(2, 4));
        // "None None" and "<AddBackward0 object at 0x...>" print grad_fn objects, not tensors: left out
        print("Parameter containing:\n" + f32(new int[]{1, 2}, new String[]{RG}, 1, 2));

        List<String> expected = new ArrayList<>(recorded("50_print_basic.out"));
        for (String gone : List.of("tensor([1., 2.], dtype=torch.float16, requires_grad=True)",
                "tensor([1, 2], dtype=torch.int32)", "tensor([1.+2.j, 3.-1.j])", "None None",
                "<AddBackward0 object at 0x...>")) {
            assertTrue(expected.remove(gone), gone);
        }
        assertEquals(String.join("\n", expected), String.join("\n", out));
    }

    @Test
    void case51PrintsItsWholeOutputWithPyTorch2sForcedFixedWidths() throws IOException {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        Object[][] cases = {
                {"ints as floats", new double[]{1., 2., 3.}},
                {"one non-int", new double[]{1., 2.5, 3.}},
                {"1/3", new double[]{1. / 3, 2. / 3}},
                {"small 1e-4 (boundary)", new double[]{1e-4, 1.}},
                {"smaller than 1e-4", new double[]{1e-5, 1.}},
                {"ratio > 1000", new double[]{0.001, 2.}},
                {"ratio exactly 1000", new double[]{1., 1000.}},
                {"ratio 1001", new double[]{1., 1001.}},
                {"ints ratio > 1000", new double[]{1., 10000.}},
                {"big > 1e8", new double[]{1e9, 1.5}},
                {"big int 1e8", new double[]{1e8}},
                {"big int 1e9", new double[]{1e9}},
                {"only 1e-5", new double[]{1e-5}},
                {"negative", new double[]{-1.5, 2.25}},
                {"neg ints", new double[]{-1., 2.}},
                {"with nan", new double[]{1., nan, 2.5}},
                {"with inf", new double[]{1., inf, -inf}},
                {"nan only", new double[]{nan}},
                {"zeros", new double[]{0., 0.}},
                {"neg zero", new double[]{-0., 1.}},
                {"0 and 1e-5", new double[]{0., 1e-5}},
                {"0.1 + 0.2", new double[]{0.1 + 0.2}},
                {"rounding 2.00005", new double[]{2.00005}},
                {"12345.678", new double[]{12345.678}},
                {"1e5 non int", new double[]{100000.5}},
                {"mixed widths", new double[]{1., 10.5, 100.25}},
        };
        for (Object[] c : cases) {
            print(String.format("%-22s", c[0]), f32((double[]) c[1]));
        }
        print(String.format("%-22s", "float64 1/3"), f64(new int[]{1}, new String[0], 1. / 3));
        String[] reprs = {"3.0", "3.14159", "1e-05", "10000000000.0", "123456789.0", "nan", "-0.0"};
        double[] scalars = {3., 3.14159, 1e-5, 1e10, 123456789., nan, -0.0};
        for (int i = 0; i < scalars.length; i++) {
            print(String.format("scalar %-16s ->", reprs[i]), scalar(scalars[i]));
        }
        PrintOptions.setPrintOptions(2, null, null, null, null);
        print("precision=2:", f32(1. / 3, 2. / 3), f32(1e-5, 1.));
        PrintOptions.setPrintOptions(4, null, null, null, false);
        print("sci_mode=False:", f32(1e-5, 1.), f32(1e9, 1.5));
        PrintOptions.setPrintOptions(null, null, null, null, true);
        print("sci_mode=True:", f32(1., 2.));
        PrintOptions.setProfile("default");
        print("profile=default restored:", f32(1e-5, 1.));

        List<String> expected = new ArrayList<>(recorded("51_print_precision_sci.out"));
        String v113 = "sci_mode=False: tensor([    0.0000,     1.0000]) tensor([1000000000.0000,     1.5000])";
        String v2 = "sci_mode=False: tensor([0.0000, 1.0000]) tensor([1000000000.0000,          1.5000])";
        int at = expected.indexOf(v113);
        assertTrue(at >= 0, "the recorded 1.13 line");
        expected.set(at, v2);
        assertEquals(String.join("\n", expected), String.join("\n", out));
    }

    @Test
    void case52PrintsItsWholeOutputAsRecorded() throws IOException {
        print(f32(new int[]{1000}, new String[0], arange(1000)));
        print(f32(new int[]{1001}, new String[0], arange(1001)));
        print(f32(new int[]{2000}, new String[]{RG}, arange(2000)));
        print(f32(new int[]{40, 50}, new String[0], arange(2000)));
        long[] ints = new long[1001];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = i;
        }
        print(t(new int[]{7, 11, 13}, DType.INT64, ElementReader.ofLongs(ints)));
        print(f32(arange(30)));
        double[] v = arange(30);
        for (int i = 0; i < v.length; i++) {
            v[i] *= 1.5;
        }
        print(vec(gradFn("MulBackward0"), v));
        float step = 1f / 11;
        double[] lin = new double[12];
        for (int i = 0; i < 12; i++) {
            lin[i] = i < 6 ? step * i : 1f - step * (11 - i);
        }
        print(vec(RG, lin));
        PrintOptions.setPrintOptions(null, 5, 2, null, null);
        print("threshold=5, edgeitems=2:", f32(arange(10)));
        PrintOptions.setPrintOptions(null, null, null, 40, null);
        print(f32(arange(20)));
        PrintOptions.setProfile("default");
        PrintOptions.setProfile("short");
        print("profile=short:", f32(1. / 3, 2. / 3), f32(arange(300)));
        PrintOptions.setProfile("full");
        print("profile=full rows:", Long.toString(f32(arange(1500)).lines().count()));
        PrintOptions.setProfile("default");

        assertEquals(String.join("\n", recorded("52_print_summarize.out")), String.join("\n", out));
    }
}
