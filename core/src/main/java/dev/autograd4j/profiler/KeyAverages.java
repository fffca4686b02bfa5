package dev.autograd4j.profiler;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The events grouped by name (PyTorch's {@code key_averages()} result), in order of first appearance, with
 * PyTorch's summary {@link #table(String)}.
 *
 * <pre>{@code System.out.println(prof.keyAverages().table("self_cpu_time_total")); }</pre>
 */
public final class KeyAverages extends AbstractList<FunctionEventAvg> {
    private final List<FunctionEventAvg> rows;
    private final boolean profileMemory;

    KeyAverages(List<FunctionEvent> events, boolean groupByInputShape, boolean profileMemory) {
        Map<String, FunctionEventAvg> groups = new LinkedHashMap<>();
        for (FunctionEvent e : events) {
            String key = groupByInputShape ? e.name() + "\u0000" + e.inputShapes() : e.name();
            groups.computeIfAbsent(key, k -> new FunctionEventAvg(e.name(), groupByInputShape ? e.inputShapes() : List.of()))
                    .add(e);
        }
        this.rows = List.copyOf(groups.values());
        this.profileMemory = profileMemory;
    }

    @Override
    public FunctionEventAvg get(int index) { return rows.get(index); }

    @Override
    public int size() { return rows.size(); }

    /** The group named {@code key}, or null: {@code prof.keyAverages().byKey("aten::mul").count()}. */
    public FunctionEventAvg byKey(String key) {
        for (FunctionEventAvg r : rows) if (r.key().equals(key)) return r;
        return null;
    }

    /** Total self time of all groups in microseconds (the table's footer): {@code ka.selfCpuTimeTotal()}. */
    public double selfCpuTimeTotal() {
        double s = 0;
        for (FunctionEventAvg r : rows) s += r.selfCpuTimeTotal();
        return s;
    }

    /** The table in insertion order: {@code ka.table()}. */
    public String table() { return table(null, 100); }

    /**
     * PyTorch's table sorted (descending) by one of {@code self_cpu_time_total, cpu_time_total, cpu_time, count,
     * cpu_memory_usage, self_cpu_memory_usage}, or unsorted for null: {@code ka.table("self_cpu_time_total")}.
     */
    public String table(String sortBy) { return table(sortBy, 100); }

    /** Like {@link #table(String)}, showing at most {@code rowLimit} rows: {@code ka.table("cpu_time_total", 10)}. */
    public String table(String sortBy, int rowLimit) {
        List<FunctionEventAvg> events = new ArrayList<>(rows);
        if (sortBy != null) events.sort(Comparator.comparingDouble(sortKey(sortBy)).reversed());
        return ProfileTable.build(events, rowLimit, profileMemory);
    }

    private static ToDoubleFunction<FunctionEventAvg> sortKey(String sortBy) {
        return switch (sortBy) {
            case "self_cpu_time_total" -> FunctionEventAvg::selfCpuTimeTotal;
            case "cpu_time_total" -> FunctionEventAvg::cpuTimeTotal;
            case "cpu_time" -> FunctionEventAvg::cpuTime;
            case "count" -> FunctionEventAvg::count;
            case "cpu_memory_usage" -> FunctionEventAvg::cpuMemoryUsage;
            case "self_cpu_memory_usage" -> FunctionEventAvg::selfCpuMemoryUsage;
            default -> throw new IllegalArgumentException("Unknown sort key '" + sortBy + "'; expected one of "
                    + "self_cpu_time_total, cpu_time_total, cpu_time, count, cpu_memory_usage, self_cpu_memory_usage");
        };
    }

    /** The table sorted by nothing, as PyTorch prints {@code key_averages()}. */
    @Override
    public String toString() { return table(); }
}
