package dev.autograd4j.profiler;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPEC J9: expected structure, names and counts are case 39's recorded output (its timings vary). */
class ProfilerTest {
    private static Profiler tutorialLoop() {
        Tensor x = Tensor.randn(2, 3).requiresGrad_();
        Tensor y = Tensor.rand(2, 3).requiresGrad_();
        Tensor z = Tensor.ones(2, 3).requiresGrad_();
        try (Profiler prof = Profiler.profile()) {
            for (int i = 0; i < 1000; i++) z = z.div(x).mul(y);
            return prof;
        }
    }

    @Test
    void j9TutorialLoopRecordsDivAndMulAThousandTimesEach() {
        KeyAverages ka = tutorialLoop().keyAverages();
        assertEquals(List.of("aten::div", "aten::mul"), ka.stream().map(FunctionEventAvg::key).sorted().toList());
        assertEquals(1000, ka.byKey("aten::div").count());
        assertEquals(1000, ka.byKey("aten::mul").count());
    }

    @Test
    void j9TableHasPyTorchsSeparatorHeaderAndFooter() {
        String table = tutorialLoop().keyAverages().table("self_cpu_time_total");
        String[] lines = table.split("\n");
        // Recorded: 'separator line: -------------  ------------  ----------- ...' (its first 40 characters).
        assertEquals("-------------  ------------  -----------", lines[0].substring(0, 40));
        assertEquals("-------------  ------------  ------------  ------------  ------------  ------------  ------------  ", lines[0]);
        List<String> header = new ArrayList<>();
        for (String c : lines[1].split("  ")) if (!c.isBlank()) header.add(c);
        assertEquals(List.of(" Name", "Self CPU %", "Self CPU", " CPU total %", " CPU total", "CPU time avg", "# of Calls"), header);
        assertEquals(lines[0], lines[2]);
        assertEquals(lines[0], lines[5]);
        assertTrue(lines[6].startsWith("Self CPU time total: "), lines[6]);
        assertEquals(7, lines.length);
        assertTrue(table.endsWith("\n"));
    }

    @Test
    void j9RowsAreSortedByTheRequestedKeyAndSharesAddUp() {
        KeyAverages ka = tutorialLoop().keyAverages();
        String[] lines = ka.table("self_cpu_time_total").split("\n");
        FunctionEventAvg first = ka.get(0).selfCpuTimeTotal() >= ka.get(1).selfCpuTimeTotal() ? ka.get(0) : ka.get(1);
        assertEquals(first.key(), lines[3].trim().split("\\s+")[0]);
        String[] cells = lines[3].trim().split("\\s+");
        assertEquals("1000", cells[cells.length - 1]);
        double share0 = Double.parseDouble(lines[3].trim().split("\\s+")[1].replace("%", ""));
        double share1 = Double.parseDouble(lines[4].trim().split("\\s+")[1].replace("%", ""));
        assertEquals(100.0, share0 + share1, 0.011);
    }

    @Test
    void j9BackwardInsideTheProfilerRecordsNodesAndEngineEvents() {
        Tensor x = Tensor.randn(2, 3).requiresGrad_();
        Tensor y = Tensor.rand(2, 3).requiresGrad_();
        Profiler prof;
        try (Profiler p = Profiler.profile()) {
            x.mul(y).sum().backward();
            prof = p;
        }
        TreeSet<String> names = new TreeSet<>();
        for (FunctionEventAvg e : prof.keyAverages()) {
            if (e.key().contains("Backward") || e.key().contains("AccumulateGrad")) names.add(e.key());
        }
        assertEquals(List.of("MulBackward0", "SumBackward0", "autograd::engine::evaluate_function: MulBackward0",
                "autograd::engine::evaluate_function: SumBackward0",
                "autograd::engine::evaluate_function: torch::autograd::AccumulateGrad", "torch::autograd::AccumulateGrad"),
                new ArrayList<>(names));
        assertEquals(2, prof.keyAverages().byKey("torch::autograd::AccumulateGrad").count());
    }

    @Test
    void j9RecordFunctionAddsALabelledEventThatContainsItsOps() {
        Tensor x = Tensor.randn(2, 3);
        Tensor y = Tensor.rand(2, 3);
        Profiler prof;
        try (Profiler p = Profiler.profile()) {
            try (RecordFunction r = Profiler.recordFunction("my_block")) {
                x.add(y).sum();
            }
            prof = p;
        }
        FunctionEventAvg block = prof.keyAverages().byKey("my_block");
        assertNotNull(block);
        double inner = prof.keyAverages().byKey("aten::add").cpuTimeTotal() + prof.keyAverages().byKey("aten::sum").cpuTimeTotal();
        assertTrue(block.cpuTimeTotal() >= inner);
        assertEquals(block.cpuTimeTotal() - inner, block.selfCpuTimeTotal(), 1e-6);
    }

    @Test
    void nothingIsRecordedOutsideTheScopeOrByRecordFunctionAlone() {
        Profiler prof = tutorialLoop();
        assertFalse(Profiler.isActive());
        int before = prof.events().size();
        Tensor.ones(2).mul(2);
        try (RecordFunction r = Profiler.recordFunction("ignored")) { Tensor.ones(2).add(1); }
        assertEquals(before, prof.events().size());
    }

    @Test
    void aSecondProfilerCannotStartWhileOneIsOpen() {
        try (Profiler p = Profiler.profile()) {
            var e = assertThrows(IllegalStateException.class, Profiler::profile);
            assertEquals("Profiler is already enabled", e.getMessage());
        }
    }

    @Test
    void chromeTraceIsJsonWithACompleteEventPerRecordedEvent(@TempDir Path dir) throws Exception {
        Profiler prof = tutorialLoop();
        Path file = dir.resolve("trace.json");
        prof.exportChromeTrace(file);
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) JsonReader.parse(Files.readString(file));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) root.get("traceEvents");
        assertEquals(2000, events.size());
        for (Map<String, Object> e : events) {
            assertEquals("X", e.get("ph"));
            assertTrue((Double) e.get("dur") >= 0);
            assertTrue((Double) e.get("ts") >= 0);
        }
        assertEquals("aten::div", events.get(0).get("name"));
        assertEquals("aten::mul", events.get(1).get("name"));
    }

    @Test
    void shapesAndMemoryAddColumnsWhenAskedFor() {
        Tensor x = Tensor.randn(2, 3);
        Profiler prof;
        try (Profiler p = Profiler.builder().recordShapes(true).profileMemory(true).start()) {
            x.mul(x);
            x.view(3, 2);
            prof = p;
        }
        KeyAverages grouped = prof.keyAverages(true);
        assertEquals(List.of(List.of(2, 3), List.of(2, 3)), grouped.byKey("aten::mul").inputShapes());
        assertEquals(24, grouped.byKey("aten::mul").cpuMemoryUsage());          // 6 float32 results
        assertEquals(0, grouped.byKey("aten::view").cpuMemoryUsage());          // a view allocates nothing
        String[] lines = grouped.table().split("\n");
        List<String> header = new ArrayList<>();
        for (String c : lines[1].split("  ")) if (!c.isBlank()) header.add(c.trim());
        assertEquals(List.of("Name", "Self CPU %", "Self CPU", "CPU total %", "CPU total", "CPU time avg", "CPU Mem",
                "Self CPU Mem", "# of Calls", "Input Shapes"), header);
        assertTrue(lines[3].endsWith("          24 b          24 b             1      [[2, 3], [2, 3]]  "), lines[3]);
        assertTrue(prof.keyAverages().get(0).inputShapes().isEmpty(), "ungrouped averages drop shapes, as PyTorch");
    }

    @Test
    void timesAreFormattedWithPyTorchsUnits() {
        assertEquals("1.941us", Profiler.formatTime(1.941));
        assertEquals("17.305ms", Profiler.formatTime(17305.0));
        assertEquals("1.500s", Profiler.formatTime(1.5e6));
        assertEquals("0.000us", Profiler.formatTime(0));
        assertEquals("0.12", Profiler.fixed2(0.125));   // Python's '{:.2f}'.format(0.125) rounds half to even
        assertEquals("1.50 Kb", ProfileTable.formatMemory(1536));
        assertEquals("-316 b", ProfileTable.formatMemory(-316));
    }

    @Test
    void longNamesAreCutAtFiftyTwoCharactersWithAnEllipsis() {
        Profiler prof;
        try (Profiler p = Profiler.profile()) {
            try (RecordFunction r = Profiler.recordFunction("x".repeat(60))) { /* empty */ }
            prof = p;
        }
        String row = prof.keyAverages().table().split("\n")[3];
        assertTrue(row.startsWith("x".repeat(52) + "...  "), row);
        assertEquals(Arrays.asList("-".repeat(55)), List.of(prof.keyAverages().table().split("\n")[0].split("  ")[0]));
    }
}
