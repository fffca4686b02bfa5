package dev.autograd4j.print;

import dev.autograd4j.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Corners of PyTorch 2.x printing that the recorded 1.13 outputs do not cover, and the options API. */
@DisplayName("TensorFormatter corners and PrintOptions")
class TensorFormatterBehaviourTest {

    @AfterEach
    void restoreDefaultPrintOptions() {
        PrintOptions.reset();
    }

    private static String f32(PrintOptions o, int[] shape, float... v) {
        return TensorFormatter.format(shape, DType.FLOAT32, ElementReader.ofFloats(v), List.of(), o);
    }

    private static float[] arange(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    @Test
    void pythonRoundsExactTiesHalfToEvenWhereStringFormatRoundsThemUp() {
        assertEquals("0.12", PyFormat.fixed(0.125, 2));
        assertEquals("0.13", String.format("%.2f", 0.125)); // why PyFormat exists
        assertEquals("2.5e+00", PyFormat.sci(2.5, 1));
        assertEquals("2e+00", PyFormat.sci(2.5, 0));
        assertEquals("-0.0000", PyFormat.fixed(-1e-5, 4));
        assertEquals("-0.0000e+00", PyFormat.sci(-0.0, 4));
        assertEquals("1.0000e-310", PyFormat.sci(1e-310, 4));
        assertEquals("1.0000e+01", PyFormat.sci(9.99995, 4));
        assertEquals("nan", PyFormat.sci(Double.NaN, 4));
    }

    @Test
    void float32OneTenThousandthIsBelowTheSciBoundaryButFloat64IsNot() {
        assertEquals("tensor([1.0000e-04, 5.0000e-02])", f32(PrintOptions.DEFAULT, new int[]{2}, 1e-4f, 0.05f));
        assertEquals("tensor([0.0001, 0.0500], dtype=torch.float64)",
                TensorFormatter.format(new int[]{2}, DType.FLOAT64, ElementReader.ofDoubles(1e-4, 0.05), List.of()));
    }

    @Test
    void aFloat32ReaderGivingUnroundedDoublesIsJudgedAsFloat32() {
        ElementReader raw = ElementReader.ofDoubles(1e-4, 0.05); // not yet rounded to float32
        assertEquals("tensor([1.0000e-04, 5.0000e-02])",
                TensorFormatter.format(new int[]{2}, DType.FLOAT32, raw, List.of()));
    }

    @Test
    void forcedSciModeIsIgnoredWhenThereIsNoNonZeroFiniteValue() {
        PrintOptions sci = PrintOptions.builder().sciMode(true).build();
        assertEquals("tensor([0., 0.])", f32(sci, new int[]{2}, 0f, 0f));
        assertEquals("tensor([nan, inf])", f32(sci, new int[]{2}, Float.NaN, Float.POSITIVE_INFINITY));
    }

    @Test
    void forcedFixedModeSizesIntegerColumnsWithoutSciWidth() {
        PrintOptions fixed = PrintOptions.builder().sciMode(false).build();
        assertEquals("tensor([    1., 10000.])", f32(fixed, new int[]{2}, 1f, 10000f));
        assertEquals("tensor([1.0000e+00, 1.0000e+04])", f32(PrintOptions.DEFAULT, new int[]{2}, 1f, 10000f));
        // PyTorch 1.13 printed "tensor([    -0.0000,      0.5000])" here (width of the automatic sci notation)
        assertEquals("tensor([-0.0000,  0.5000])", f32(fixed, new int[]{2}, -1e-5f, 0.5f));
    }

    @Test
    void zeroEdgeItemsSummariseToABareEllipsisAsInPyTorch2() {
        PrintOptions o = PrintOptions.builder().threshold(5).edgeitems(0).build();
        assertEquals("tensor([...])", f32(o, new int[]{10}, arange(10)));
        assertEquals("tensor([...])", f32(o, new int[]{3, 4}, arange(12)));
        assertEquals("tensor([[1., 2.],\n        [3., 4.]])", f32(o, new int[]{2, 2}, 1, 2, 3, 4));
        assertEquals("tensor(5.)", f32(PrintOptions.builder().threshold(0).edgeitems(0).build(), new int[0], 5f));
    }

    @Test
    void hugeEdgeItemsShowEverythingWithoutOverflowing() {
        PrintOptions o = PrintOptions.builder().threshold(1).edgeitems(Integer.MAX_VALUE).build();
        assertEquals("tensor([[0., 1.],\n        [2., 3.]])", f32(o, new int[]{2, 2}, 0, 1, 2, 3));
    }

    @Test
    void summarisationReadsOnlyTheEdgeElements() {
        int n = 1_000_000;
        ElementReader edgesOnly = new ElementReader() {
            @Override
            public double valueAt(long i) {
                if (i >= 3 && i < n - 3) {
                    throw new AssertionError("read hidden element " + i);
                }
                return i;
            }

            @Override
            public long longAt(long i) {
                return (long) valueAt(i);
            }
        };
        assertEquals("tensor([     0,      1,      2,  ..., 999997, 999998, 999999])",
                TensorFormatter.format(new int[]{n}, DType.INT64, edgesOnly, List.of()));
    }

    @Test
    void aTangentSuffixNestsAFullRepr() {
        float[] primal = {0f, 1f, 2f};
        float[] p = new float[3];
        float[] t = new float[3];
        for (int i = 0; i < 3; i++) {
            p[i] = (float) Math.sin(primal[i]) * 2;
            t[i] = (float) Math.cos(primal[i]) * 2;
        }
        String tangent = TensorFormatter.format(new int[]{3}, DType.FLOAT32, ElementReader.ofFloats(t), List.of());
        assertEquals("tensor([0.0000, 1.6829, 1.8186], tangent=tensor([ 2.0000,  1.0806, -0.8323]))",
                TensorFormatter.format(new int[]{3}, DType.FLOAT32, ElementReader.ofFloats(p),
                        List.of("tangent=" + tangent)));
    }

    @Test
    void formatDataHonoursTheGivenIndent() {
        ElementReader r = ElementReader.ofLongs(1, 2, 3, 4);
        assertEquals("[[1, 2],\n [3, 4]]", TensorFormatter.formatData(new int[]{2, 2}, DType.INT64, r, 0));
        assertEquals("[[1, 2],\n           [3, 4]]", TensorFormatter.formatData(new int[]{2, 2}, DType.INT64, r, 10));
        assertEquals("[]", TensorFormatter.formatData(new int[]{0, 2}, DType.INT64, r, 7));
    }

    @Test
    void negativeDimensionsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> TensorFormatter.format(new int[]{-1}, DType.FLOAT32, ElementReader.ofFloats(), List.of()));
    }

    @Test
    void setPrintOptionsLeavesNullNumbersUnchangedButAlwaysAppliesSciMode() {
        PrintOptions.setPrintOptions(2, 10, 1, 60, true);
        PrintOptions.setPrintOptions(null, null, 4, null, null);
        PrintOptions o = PrintOptions.current();
        assertEquals(2, o.precision());
        assertEquals(10, o.threshold());
        assertEquals(4, o.edgeitems());
        assertEquals(60, o.linewidth());
        assertNull(o.sciMode());
    }

    @Test
    void profilesSetPyTorchsValues() {
        PrintOptions.setProfile("short");
        assertEquals(PrintOptions.of(2, 1000, 2, 80, null), PrintOptions.current());
        PrintOptions.setProfile("full");
        assertEquals(PrintOptions.INFINITE_THRESHOLD, PrintOptions.current().threshold());
        assertEquals("PrintOptions(precision=4, threshold=inf, edgeitems=3, linewidth=80, sci_mode=None)",
                PrintOptions.current().toString());
        PrintOptions.setPrintOptions("short", null, null, null, 100, false);
        assertEquals(PrintOptions.of(2, 1000, 2, 100, false), PrintOptions.current());
        PrintOptions.reset();
        assertEquals(PrintOptions.DEFAULT, PrintOptions.current());
        assertThrows(IllegalArgumentException.class, () -> PrintOptions.setProfile("tiny"));
        assertNotEquals(PrintOptions.DEFAULT, PrintOptions.profile("short"));
    }

    @Test
    void theCurrentOptionsApplyWhenNoneArePassed() {
        PrintOptions.set(PrintOptions.current().toBuilder().precision(1).build());
        assertEquals("tensor([0.3, 0.7])",
                TensorFormatter.format(new int[]{2}, DType.FLOAT32, ElementReader.ofFloats(1f / 3, 2f / 3), List.of()));
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PrintOptions.builder().precision(-1).build());
        assertThrows(IllegalArgumentException.class, () -> PrintOptions.builder().edgeitems(-1).build());
    }
}
