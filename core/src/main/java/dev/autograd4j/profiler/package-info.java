/**
 * The autograd profiler (PyTorch's {@code torch.autograd.profiler}): {@link dev.autograd4j.profiler.Profiler}
 * records forward ops, backward nodes and labelled blocks while open; {@code keyAverages().table(...)} prints
 * PyTorch's summary and {@code exportChromeTrace(path)} writes a trace for chrome://tracing or Perfetto.
 *
 * <pre>{@code
 * Profiler prof = Profiler.profile();
 * try (prof) { for (int i = 0; i < 1000; i++) z = z.div(x).mul(y); }
 * System.out.println(prof.keyAverages().table("self_cpu_time_total"));
 * prof.exportChromeTrace(Path.of("trace.json"));
 * }</pre>
 */
package dev.autograd4j.profiler;
