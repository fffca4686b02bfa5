package dev.autograd4j.profiler;

import java.util.ArrayList;
import java.util.List;

/** PyTorch's {@code _build_table} (torch/autograd/profiler_util.py) for CPU events: the same columns and layout. */
final class ProfileTable {
    private ProfileTable() {}

    private static final int DEFAULT_COLUMN_WIDTH = 12;
    private static final int MAX_NAME_COLUMN_WIDTH = 55;
    private static final int MAX_SHAPES_COLUMN_WIDTH = 80;
    private static final int SPACING = 2;

    static String build(List<FunctionEventAvg> events, int rowLimit, boolean profileMemory) {
        if (events.isEmpty()) return "";
        boolean hasShapes = false;
        int nameWidth = 0, shapesWidth = 0;
        for (FunctionEventAvg e : events) {
            hasShapes |= !e.inputShapes().isEmpty();
            nameWidth = Math.max(nameWidth, e.key().length() + 4);
            shapesWidth = Math.max(shapesWidth, shapes(e).length() + 4);
        }
        nameWidth = Math.min(nameWidth, MAX_NAME_COLUMN_WIDTH);
        shapesWidth = Math.min(shapesWidth, MAX_SHAPES_COLUMN_WIDTH);

        List<String> headers = new ArrayList<>(List.of("Name", "Self CPU %", "Self CPU", "CPU total %", "CPU total", "CPU time avg"));
        if (profileMemory) headers.addAll(List.of("CPU Mem", "Self CPU Mem"));
        headers.add("# of Calls");
        List<Integer> widths = new ArrayList<>();
        widths.add(nameWidth);
        for (int i = 1; i < headers.size(); i++) widths.add(DEFAULT_COLUMN_WIDTH);
        if (hasShapes) {
            headers.add("Input Shapes");
            widths.add(shapesWidth);
        }

        StringBuilder sep = new StringBuilder();
        for (int w : widths) sep.append("-".repeat(w)).append(" ".repeat(SPACING));
        double total = 0;
        for (FunctionEventAvg e : events) total += e.selfCpuTimeTotal();

        StringBuilder out = new StringBuilder();
        out.append(sep).append('\n');
        out.append(row(headers, widths)).append('\n');
        out.append(sep).append('\n');
        int shown = 0;
        for (FunctionEventAvg e : events) {
            if (shown++ == rowLimit) break;
            String name = e.key();
            if (name.length() >= MAX_NAME_COLUMN_WIDTH - 3) name = name.substring(0, MAX_NAME_COLUMN_WIDTH - 3) + "...";
            List<String> cells = new ArrayList<>(List.of(name,
                    share(e.selfCpuTimeTotal(), total), Profiler.formatTime(e.selfCpuTimeTotal()),
                    share(e.cpuTimeTotal(), total), Profiler.formatTime(e.cpuTimeTotal()), Profiler.formatTime(e.cpuTime())));
            if (profileMemory) {
                cells.add(formatMemory(e.cpuMemoryUsage()));
                cells.add(formatMemory(e.selfCpuMemoryUsage()));
            }
            cells.add(Integer.toString(e.count()));
            if (hasShapes) {
                String s = shapes(e);
                cells.add(s.substring(0, Math.min(s.length(), shapesWidth)));
            }
            out.append(row(cells, widths)).append('\n');
        }
        out.append(sep).append('\n');
        out.append("Self CPU time total: ").append(Profiler.formatTime(total)).append('\n');
        return out.toString();
    }

    /** Python's {@code '{: >w}  '} per cell: right-aligned, never cut, two spaces after. */
    private static String row(List<String> cells, List<Integer> widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            b.append(" ".repeat(Math.max(0, widths.get(i) - c.length()))).append(c).append(" ".repeat(SPACING));
        }
        return b.toString();
    }

    private static String shapes(FunctionEventAvg e) {
        return e.inputShapes().isEmpty() ? "" : e.inputShapes().toString();
    }

    /** PyTorch's {@code _format_time_share}: "12.34%", or "NaN" when nothing was timed. */
    private static String share(double us, double totalUs) {
        if (totalUs == 0) return "NaN";
        return Profiler.fixed2(us * 100.0 / totalUs) + "%";
    }

    /** PyTorch's {@code _format_memory}: "4 b", "1.50 Kb", "2.00 Mb", "1.00 Gb". */
    static String formatMemory(long bytes) {
        long kb = 1024, mb = 1024 * kb, gb = 1024 * mb;
        if (Math.abs(bytes) >= gb) return Profiler.fixed2(bytes * 1.0 / gb) + " Gb";
        if (Math.abs(bytes) >= mb) return Profiler.fixed2(bytes * 1.0 / mb) + " Mb";
        if (Math.abs(bytes) >= kb) return Profiler.fixed2(bytes * 1.0 / kb) + " Kb";
        return bytes + " b";
    }
}
