package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.List;

/**
 * Modules applied one after another, registered as {@code "0"}, {@code "1"}, ...: PyTorch's {@code nn.Sequential}.
 *
 * <pre>{@code
 * var net = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 1));
 * Tensor y = net.forward(x);
 * }</pre>
 */
public class Sequential extends Module {

    /** The modules in order: {@code new Sequential(new Linear(2, 2), new ReLU())}. */
    public Sequential(Module... modules) {
        for (Module m : modules) add(m);
    }

    /** Appends a module under the next index; returns this: {@code seq.add(new ReLU())}. */
    public Sequential add(Module m) {
        register(Integer.toString(children().size()), m);
        return this;
    }

    /** The i-th module (negative counts from the end): {@code net.get(0)}. */
    public Module get(int i) {
        List<Module> c = children();
        int k = i < 0 ? i + c.size() : i;
        if (k < 0 || k >= c.size()) throw new IndexOutOfBoundsException("index " + i + " is out of range");
        return c.get(k);
    }

    /** The number of modules: {@code net.size()}. */
    public int size() { return children().size(); }

    /** Runs each module's {@link Module#call} in order (so their hooks run). */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : children()) x = m.call(x);
        return x;
    }
}
