package dev.autograd4j.io;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.nn.Conv2d;
import dev.autograd4j.nn.BatchNorm1d;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.Module;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.nn.Flatten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafetensorsTest {
    @TempDir Path dir;

    private static Module model() {
        return new Sequential(new Linear(4, 3), new BatchNorm1d(3), new ReLU(), new Linear(3, 2));
    }

    @Test
    void aStateDictRoundTripsExactlyWithEveryDtype() {
        Tensor.manualSeed(3);
        Module a = model();
        Map<String, Tensor> sd = new LinkedHashMap<>(a.stateDict());
        sd.put("f64", Tensor.of(1.0, -2.5, Math.PI));
        sd.put("mask", Tensor.of(true, false, true));
        sd.put("scalar", Tensor.scalar(7.0));
        sd.put("empty", Tensor.zeros(0, 3));
        Path file = dir.resolve("m.safetensors");
        Safetensors.save(sd, Map.of("framework", "autograd4j"), file);
        Map<String, Tensor> back = Safetensors.load(file);
        assertEquals(new ArrayList<>(sd.keySet()), new ArrayList<>(back.keySet()));
        for (var e : sd.entrySet()) {
            Tensor t = back.get(e.getKey());
            assertEquals(e.getValue().dtype(), t.dtype(), e.getKey());
            assertArrayEquals(e.getValue().shape(), t.shape(), e.getKey());
            assertArrayEquals(e.getValue().toDoubleArray(), t.toDoubleArray(), e.getKey());
        }
        assertEquals(DType.INT64, back.get("1.num_batches_tracked").dtype());
        assertEquals(Map.of("framework", "autograd4j"), Safetensors.metadata(file));

        Tensor.manualSeed(4);
        Module b = model();
        var result = b.loadStateDict(Safetensors.load(file), false);
        assertEquals(List.of("f64", "mask", "scalar", "empty"), result.unexpectedKeys());
        Tensor x = Tensor.randn(5, 4);
        a.eval();
        b.eval();
        assertArrayEquals(a.call(x).toFloatArray(), b.call(x).toFloatArray());
    }

    @Test
    void theFileLayoutIsTheFormat() {
        byte[] bytes = Safetensors.serialize(Map.of("w", Tensor.of(1f, 2f)), Map.of());
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
        assertEquals("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                new String(bytes, 8, (int) n, StandardCharsets.UTF_8).strip());
        assertEquals(1f, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getFloat(8 + (int) n));
    }

    @Test
    void readsTheFileWrittenByPyTorch() throws IOException {
        // Written by tools/safetensors/interop.py with /usr/bin/python3 and torch; see the script for the values.
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/safetensors/from_torch.safetensors")) {
            bytes = in.readAllBytes();
        }
        Map<String, Tensor> sd = Safetensors.deserialize(bytes, "from_torch.safetensors");
        assertEquals(List.of("conv.bias", "conv.weight", "counts", "fc.weight", "flags", "half", "mixed"),
                sd.keySet().stream().sorted().toList());
        Tensor w = sd.get("fc.weight");
        assertEquals(DType.FLOAT32, w.dtype());
        assertArrayEquals(new int[]{3, 4}, w.shape());
        float[] expected = new float[12];
        for (int i = 0; i < 12; i++) expected[i] = (i - 6) / 4f;
        assertArrayEquals(expected, w.toFloatArray());
        assertArrayEquals(new int[]{2, 1, 3, 3}, sd.get("conv.weight").shape());
        assertEquals(DType.FLOAT64, sd.get("mixed").dtype());
        assertArrayEquals(new double[]{Math.PI, -Math.E, 1e-300}, sd.get("mixed").toDoubleArray());
        assertEquals(DType.INT64, sd.get("counts").dtype());
        assertArrayEquals(new long[]{0, -1, Long.MAX_VALUE}, sd.get("counts").toLongArray());
        assertArrayEquals(new boolean[]{true, false, false, true}, sd.get("flags").toBooleanArray());
        assertArrayEquals(new float[]{0.5f, -1.5f, 65504f}, sd.get("half").toFloatArray());
        // The conv weights PyTorch initialised are a valid state for a Conv2d(1, 2, 3) here.
        var conv = new Conv2d(1, 2, 3);
        conv.loadStateDict(Map.of("weight", sd.get("conv.weight"), "bias", sd.get("conv.bias")));
        assertArrayEquals(sd.get("conv.weight").toFloatArray(), conv.parameter("weight").toFloatArray());
    }

    /** The file tools/safetensors/interop.py check reads in PyTorch (it must stay in step with the script). */
    @Test
    void writesTheFileThatPyTorchChecks() throws IOException {
        Tensor.manualSeed(21);
        Module model = new Sequential(new Linear(4, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 3));
        for (int i = 0; i < 3; i++) model.call(Tensor.randn(16, 4));   // move the running statistics off their init
        model.eval();
        Tensor input = Tensor.randn(5, 4);
        Tensor output = dev.autograd4j.autograd.Autograd.noGrad(() -> model.call(input));
        Map<String, Tensor> all = new LinkedHashMap<>();
        all.put("ramp", Tensor.arange(24).to(DType.FLOAT32).div(8).sub(1).view(2, 3, 4));
        all.put("ramp64", Tensor.arange(5).to(DType.FLOAT64).mul(Math.PI));
        all.put("labels", Tensor.of(3L, -7L, 1L << 62));
        all.put("mask", Tensor.of(true, false, true));
        model.stateDict().forEach((k, v) -> all.put("model." + k, v));
        all.put("input", input);
        all.put("output", output);
        Path out = Path.of("target", "interop");
        Files.createDirectories(out);
        Path file = out.resolve("from_autograd4j.safetensors");
        Safetensors.save(all, Map.of("format", "pt", "written_by", "autograd4j"), file);
        assertEquals(3L, Safetensors.load(file).get("model.1.num_batches_tracked").item(), 0);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private void rejects(String name, byte[] bytes, String expected) throws IOException {
        Path p = write(name, bytes);
        var e = assertThrows(IllegalArgumentException.class, () -> Safetensors.load(p));
        assertTrue(e.getMessage().startsWith("safetensors: ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void truncatedAndCorruptedFilesFailWithAClearMessage() throws IOException {
        byte[] good = Safetensors.serialize(Map.of("w", Tensor.of(1f, 2f, 3f)), Map.of());
        rejects("tiny", Arrays.copyOf(good, 5), "fewer than the 8 of the header length");
        rejects("cut-header", Arrays.copyOf(good, 20), "the header length says");
        rejects("cut-data", Arrays.copyOf(good, good.length - 4), "the file is truncated: the header describes 12 bytes of data but only 8");
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        rejects("huge", huge, "header length 1099511627776");
        rejects("json", file("{\"w\":{\"dtype\":\"F32\",", 0), "not valid JSON");
        rejects("notobj", file("[1, 2]  ", 0), "does not start with '{'");
        rejects("size", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "needs 12 bytes");
        rejects("dtype", file("{\"w\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8), "dtype C64");
        rejects("gap", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12), "must be contiguous");
        rejects("extra", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8), "but 8 follow it");
        rejects("meta", file("{\"__metadata__\":{\"a\":1}}", 0), "__metadata__ must map strings to strings");
        rejects("dup", file("{\"a\":{},\"a\":{}}", 0), "duplicate key");
    }
}
