package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.Warnings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC J8 and G3's anomaly hint; messages and warning first lines are case 38's recorded output. */
class AnomalyTest {
    private static final String ENABLED = "UserWarning: Anomaly Detection has been enabled. This mode will increase "
            + "the runtime and should only be enabled for debugging.";

    @AfterEach
    void anomalyModeOff() { Autograd.setDetectAnomaly(false); }

    /** Runs body, returning the exception it throws (or null) and collecting warnings. */
    private static RuntimeException run(List<String> warnings, Runnable body) {
        RuntimeException[] thrown = new RuntimeException[1];
        warnings.addAll(Warnings.capture(() -> {
            try { body.run(); } catch (RuntimeException e) { thrown[0] = e; }
        }));
        return thrown[0];
    }

    @Test
    void j8WithoutAnomalyModeNanAndInfGradientsPropagateSilently() {
        Tensor x = Tensor.of(0f, -1f, 4f).requiresGrad_();
        List<String> w = Warnings.capture(() -> x.sqrt().sum().backward());
        assertEquals(List.of(), w);
        assertEquals("tensor([   inf,    nan, 0.2500])", x.grad().toString());
    }

    @Test
    void j8NanInBackwardRaisesNamingTheNodeAndWarnsWithTheForwardStack() {
        Tensor x = Tensor.of(0f, -1f, 4f).requiresGrad_();
        List<String> w = new ArrayList<>();
        RuntimeException e = run(w, () -> {
            try (var a = Autograd.detectAnomaly()) { x.sqrt().sum().backward(); }
        });
        assertEquals("Function 'SqrtBackward0' returned nan values in its 0th output.", e.getMessage());
        assertEquals(2, w.size());
        assertEquals(ENABLED, w.get(0));
        String[] lines = w.get(1).split("\n");
        assertEquals("UserWarning: Error detected in SqrtBackward0. Traceback of forward call that caused the error:", lines[0]);
        // The first frame shown is the user's forward call (this test), not the recording machinery.
        assertTrue(lines[1].contains("AnomalyTest"), lines[1]);
        assertFalse(Autograd.isAnomalyEnabled());
    }

    @Test
    void j8NanForwardReportsLogBackward0() {
        List<String> w = new ArrayList<>();
        String[] forward = new String[1];
        RuntimeException e = run(w, () -> {
            try (var an = Autograd.detectAnomaly()) {
                Tensor a = Tensor.of(0f).requiresGrad_();
                Tensor b = a.log().mul(0).sum();
                forward[0] = b.toString();
                b.backward();
            }
        });
        assertEquals("tensor(nan, grad_fn=<SumBackward0>)", forward[0]);
        assertEquals("Function 'LogBackward0' returned nan values in its 0th output.", e.getMessage());
        assertEquals(ENABLED, w.get(0));
        assertTrue(w.get(1).startsWith("UserWarning: Error detected in LogBackward0. Traceback of forward call that caused the error:"));
    }

    @Test
    void j8SetDetectAnomalyIsAGlobalSwitchWithoutWarning() {
        List<String> w = Warnings.capture(() -> Autograd.setDetectAnomaly(true));
        assertTrue(Autograd.isAnomalyEnabled());
        assertEquals(List.of(), w);
        Autograd.setDetectAnomaly(false);
        assertFalse(Autograd.isAnomalyEnabled());
    }

    @Test
    void g3VersionErrorInAnomalyModeHasTheBacktraceHintAndWarns() {
        List<String> w = new ArrayList<>();
        RuntimeException e = run(w, () -> {
            try (var an = Autograd.detectAnomaly()) {
                Tensor a = Tensor.of(1f, 2f).requiresGrad_();
                Tensor b = a.exp();
                b.add_(1);
                b.sum().backward();
            }
        });
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.FloatTensor [2]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead. "
                + "Hint: the backtrace further above shows the operation that failed to compute its gradient. The variable "
                + "in question was changed in there or anywhere later. Good luck!", e.getMessage());
        assertEquals(ENABLED, w.get(0));
        assertTrue(w.get(1).startsWith("UserWarning: Error detected in ExpBackward0. Traceback of forward call that caused the error:"));
    }

    @Test
    void checkNanFalseLetsNanGradientsThrough() {
        Tensor x = Tensor.of(0f, -1f, 4f).requiresGrad_();
        List<String> w = new ArrayList<>();
        RuntimeException e = run(w, () -> {
            try (var a = Autograd.detectAnomaly(false)) { x.sqrt().sum().backward(); }
        });
        assertNull(e);
        assertEquals(List.of(ENABLED), w);
        assertEquals("tensor([   inf,    nan, 0.2500])", x.grad().toString());
    }

    @Test
    void scopeRestoresThePreviousCheckNanSetting() {
        Autograd.setDetectAnomaly(true, false);
        Warnings.capture(() -> {
            try (var a = Autograd.detectAnomaly()) { assertTrue(Anomaly.checksNan()); }
        });
        assertTrue(Autograd.isAnomalyEnabled());
        assertFalse(Anomaly.checksNan());
    }

    @Test
    void g3ModifiedSavedResultIsNamedAfterTheNodeThatSavedItOutsideAnomalyModeToo() {
        // case 26: "backward after modifying exp output"
        Tensor a = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor b = a.exp();
        b.add_(1);
        var e = assertThrows(IllegalStateException.class, () -> b.sum().backward());
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.FloatTensor [3]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead. "
                + "Hint: enable anomaly detection to find the operation that failed to compute its gradient, with "
                + "torch.autograd.set_detect_anomaly(True).", e.getMessage());
    }

    @Test
    void g3ModifiedSavedInputIsNamedAfterItsCurrentGradFn() {
        // case 26: "modify saved input h"
        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        Tensor w = Tensor.of(3f, 4f).requiresGrad_();
        Tensor h = a.mul(1);
        Tensor y = h.mul(w);
        h.add_(1);
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().contains("[torch.FloatTensor [2]], which is output 0 of AddBackward0, is at version 1"), e.getMessage());
    }
}
