package dev.autograd4j.profiler;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes events in the Chrome trace-event JSON format (complete events, {@code "ph": "X"}, microsecond
 * timestamps) that chrome://tracing and Perfetto open.
 */
final class ChromeTrace {
    private ChromeTrace() {}

    static void write(Path path, List<FunctionEvent> events, long originNs) throws IOException {
        try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            w.write("{\"traceEvents\": [");
            for (int i = 0; i < events.size(); i++) {
                FunctionEvent e = events.get(i);
                if (i > 0) w.write(",");
                w.write("\n  {\"name\": ");
                w.write(quote(e.name()));
                w.write(String.format(Locale.ROOT, ", \"ph\": \"X\", \"ts\": %.3f, \"dur\": %.3f, \"tid\": %d, \"pid\": \"CPU functions\", \"args\": {",
                        e.startUs(originNs), e.cpuTimeTotal(), e.threadId()));
                if (!e.inputShapes().isEmpty()) w.write("\"Input dims\": " + e.inputShapes());
                w.write("}}");
            }
            w.write("\n], \"displayTimeUnit\": \"ms\"}\n");
        }
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
