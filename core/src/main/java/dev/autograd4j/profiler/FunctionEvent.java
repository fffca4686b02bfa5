package dev.autograd4j.profiler;

import java.util.List;

/**
 * One recorded interval (PyTorch's {@code FunctionEvent}): an op such as {@code aten::mul}, a backward node, or a
 * {@link Profiler#recordFunction(String)} label, with its times in microseconds and, when asked for, its input
 * shapes and the bytes it allocated.
 *
 * <pre>{@code for (FunctionEvent e : prof.events()) System.out.println(e.name() + " " + e.cpuTimeTotal()); }</pre>
 */
public final class FunctionEvent {
    private final String name;
    private final long threadId;
    private final long startNs;
    private final List<List<Integer>> inputShapes;
    private long endNs;
    private long childrenNs;
    private long memory;
    private long childrenMemory;
    final FunctionEvent parent;

    FunctionEvent(String name, long threadId, long startNs, List<List<Integer>> inputShapes, FunctionEvent parent) {
        this.name = name;
        this.threadId = threadId;
        this.startNs = startNs;
        this.inputShapes = inputShapes;
        this.parent = parent;
    }

    void finish(long endNs, long allocatedBytes) {
        this.endNs = endNs;
        this.memory = allocatedBytes + childrenMemory;
        if (parent != null) {
            parent.childrenNs += endNs - startNs;
            parent.childrenMemory += memory;
        }
    }

    /** The event's name, e.g. {@code "aten::mul"}: {@code e.name()}. */
    public String name() { return name; }

    /** The id of the thread that recorded it: {@code e.threadId()}. */
    public long threadId() { return threadId; }

    /** Start in microseconds after {@code originNs} (the profiler's start), for the trace. */
    double startUs(long originNs) { return (startNs - originNs) / 1000.0; }

    /** Wall time from start to end in microseconds, children included: {@code e.cpuTimeTotal()}. */
    public double cpuTimeTotal() { return (endNs - startNs) / 1000.0; }

    /** Wall time minus the time of the events nested inside it, in microseconds: {@code e.selfCpuTimeTotal()}. */
    public double selfCpuTimeTotal() { return (endNs - startNs - childrenNs) / 1000.0; }

    /** Bytes allocated inside the event, nested events included (0 unless memory is profiled): {@code e.cpuMemoryUsage()}. */
    public long cpuMemoryUsage() { return memory; }

    /** Bytes the event allocated itself: {@code e.selfCpuMemoryUsage()}. */
    public long selfCpuMemoryUsage() { return memory - childrenMemory; }

    /** The shapes of the tensor inputs, or an empty list when shapes were not recorded: {@code e.inputShapes()}. */
    public List<List<Integer>> inputShapes() { return inputShapes; }

    @Override
    public String toString() {
        return "<FunctionEvent name=" + name + " cpu_time=" + Profiler.formatTime(cpuTimeTotal()) + ">";
    }
}
