package dev.autograd4j.profiler;

import java.util.List;

/**
 * The events of one name (and, when grouped so, one input-shape list) summed (PyTorch's {@code FunctionEventAvg}).
 *
 * <pre>{@code prof.keyAverages().get(0).count()   // 1000 for aten::div in the tutorial loop}</pre>
 */
public final class FunctionEventAvg {
    private final String key;
    private final List<List<Integer>> inputShapes;
    private int count;
    private double cpuTimeTotal;
    private double selfCpuTimeTotal;
    private long cpuMemoryUsage;
    private long selfCpuMemoryUsage;

    FunctionEventAvg(String key, List<List<Integer>> inputShapes) {
        this.key = key;
        this.inputShapes = inputShapes;
    }

    void add(FunctionEvent e) {
        count++;
        cpuTimeTotal += e.cpuTimeTotal();
        selfCpuTimeTotal += e.selfCpuTimeTotal();
        cpuMemoryUsage += e.cpuMemoryUsage();
        selfCpuMemoryUsage += e.selfCpuMemoryUsage();
    }

    /** The event name: {@code avg.key()}. */
    public String key() { return key; }

    /** How many events were summed: {@code avg.count()}. */
    public int count() { return count; }

    /** Total wall time in microseconds: {@code avg.cpuTimeTotal()}. */
    public double cpuTimeTotal() { return cpuTimeTotal; }

    /** Total time outside nested events, in microseconds: {@code avg.selfCpuTimeTotal()}. */
    public double selfCpuTimeTotal() { return selfCpuTimeTotal; }

    /** Mean wall time per call in microseconds: {@code avg.cpuTime()}. */
    public double cpuTime() { return count == 0 ? 0 : cpuTimeTotal / count; }

    /** Bytes allocated, nested events included: {@code avg.cpuMemoryUsage()}. */
    public long cpuMemoryUsage() { return cpuMemoryUsage; }

    /** Bytes allocated by the events themselves: {@code avg.selfCpuMemoryUsage()}. */
    public long selfCpuMemoryUsage() { return selfCpuMemoryUsage; }

    /** The input shapes of the group (of its first event when not grouped by shape): {@code avg.inputShapes()}. */
    public List<List<Integer>> inputShapes() { return inputShapes; }

    @Override
    public String toString() {
        return "<FunctionEventAvg key=" + key + " self_cpu_time=" + Profiler.formatTime(selfCpuTimeTotal)
                + " cpu_time=" + Profiler.formatTime(cpuTime()) + " count=" + count + ">";
    }
}
