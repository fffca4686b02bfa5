package dev.autograd4j.reliability;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Node;
import dev.autograd4j.nn.Module;
import dev.autograd4j.optim.Optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Everything observable about some tensors, modules and optimizers, taken before a call that must fail, and
 * compared after it: values, shape, strides, version, requires_grad, grad_fn, grad; module state and grads;
 * optimizer options and state.
 */
final class Snapshot {
    private final List<Runnable> checks = new ArrayList<>();

    static Snapshot of(Object... things) {
        Snapshot s = new Snapshot();
        for (Object o : things) s.add(o);
        return s;
    }

    private void add(Object o) {
        switch (o) {
            case Tensor t -> addTensor(t, "tensor");
            case Module m -> {
                for (var e : m.namedParameters().entrySet()) addTensor(e.getValue(), "parameter " + e.getKey());
                for (var e : m.namedBuffers().entrySet()) addTensor(e.getValue(), "buffer " + e.getKey());
                boolean training = m.isTraining();
                checks.add(() -> assertEquals(training, m.isTraining(), "training flag"));
            }
            case Optimizer opt -> {
                String before = describe(opt.stateDict());
                for (var g : opt.paramGroups()) for (Tensor p : g.params()) addTensor(p, "optimized parameter");
                checks.add(() -> assertEquals(before, describe(opt.stateDict()), "optimizer state"));
            }
            default -> throw new IllegalArgumentException("cannot snapshot " + o);
        }
    }

    private void addTensor(Tensor t, String what) {
        double[] values = t.toDoubleArray();
        int[] shape = t.shape(), stride = t.stride();
        int version = t.version(), offset = t.storageOffset();
        boolean requiresGrad = t.requiresGrad();
        Node fn = t.gradFn();
        Tensor grad = t.grad();
        double[] gradValues = grad == null ? null : grad.toDoubleArray();
        checks.add(() -> {
            assertArrayEquals(shape, t.shape(), what + " shape");
            assertArrayEquals(stride, t.stride(), what + " stride");
            assertEquals(offset, t.storageOffset(), what + " offset");
            assertArrayEquals(values, t.toDoubleArray(), what + " values");
            assertEquals(version, t.version(), what + " version");
            assertEquals(requiresGrad, t.requiresGrad(), what + " requires_grad");
            assertSame(fn, t.gradFn(), what + " grad_fn");
            assertSame(grad, t.grad(), what + " grad object");
            if (grad != null) assertArrayEquals(gradValues, t.grad().toDoubleArray(), what + " grad values");
        });
    }

    /** A deep text form of an optimizer state dict (tensors by value). */
    static String describe(Object o) {
        return switch (o) {
            case Tensor t -> t.dtype() + Arrays.toString(t.shape()) + Arrays.toString(t.toDoubleArray());
            case Map<?, ?> m -> {
                StringBuilder sb = new StringBuilder("{");
                for (var e : m.entrySet()) sb.append(e.getKey()).append('=').append(describe(e.getValue())).append(',');
                yield sb.append('}').toString();
            }
            case List<?> l -> l.stream().map(Snapshot::describe).toList().toString();
            case double[] d -> Arrays.toString(d);
            case null -> "null";
            default -> o.toString();
        };
    }

    void assertUnchanged() {
        for (Runnable r : checks) r.run();
    }
}
