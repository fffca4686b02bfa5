/**
 * Checkpoints: {@link dev.autograd4j.io.Safetensors} saves and loads state dicts in the safetensors format that
 * Python's {@code safetensors.torch} reads and writes, validating the header of every file it reads.
 *
 * <pre>{@code
 * Safetensors.save(model.stateDict(), Path.of("model.safetensors"));
 * model.loadStateDict(Safetensors.load(Path.of("model.safetensors")));
 * }</pre>
 */
package dev.autograd4j.io;
