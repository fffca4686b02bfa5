package dev.autograd4j.io;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.tensor.Storage;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * State dicts in the safetensors format (Hugging Face's; what {@code safetensors.torch.save_file} writes and
 * {@code load_file} reads): an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape
 * and byte range, then the raw little-endian data. Reading validates the header against the file, so a truncated or
 * corrupted file fails with an {@link IllegalArgumentException} that says what is wrong.
 *
 * <pre>{@code
 * Safetensors.save(model.stateDict(), Path.of("model.safetensors"));
 * model.loadStateDict(Safetensors.load(Path.of("model.safetensors")));
 * }</pre>
 */
public final class Safetensors {
    private Safetensors() {}

    /** The largest header accepted, as the reference implementation's limit (100 MB). */
    static final long MAX_HEADER = 100_000_000L;

    private static final String METADATA = "__metadata__";

    /** Writes {@code tensors} to {@code file}: {@code Safetensors.save(model.stateDict(), path)}. */
    public static void save(Map<String, Tensor> tensors, Path file) { save(tensors, Map.of(), file); }

    /** Writes {@code tensors} and string {@code metadata} to {@code file}: {@code save(sd, Map.of("epoch", "3"), path)}. */
    public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path file) {
        try {
            Files.write(file, serialize(tensors, metadata));
        } catch (IOException e) {
            throw new UncheckedIOException("safetensors: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of a safetensors file holding {@code tensors} (in map order) and {@code metadata}. */
    public static byte[] serialize(Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder header = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            header.append(Json.quote(METADATA)).append(":{");
            boolean first = true;
            for (var e : metadata.entrySet()) {
                header.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                first = false;
            }
            header.append('}');
        }
        long offset = 0;
        List<byte[]> blobs = new ArrayList<>();
        for (var e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA)) throw new IllegalArgumentException("safetensors: a tensor may not be named " + METADATA);
            Tensor t = e.getValue();
            byte[] blob = bytesOf(t);
            blobs.add(blob);
            header.append(header.length() > 1 ? "," : "").append(Json.quote(e.getKey()))
                    .append(":{\"dtype\":\"").append(code(t.dtype())).append("\",\"shape\":")
                    .append(Arrays.toString(t.shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + blob.length).append("]}");
            offset += blob.length;
        }
        header.append('}');
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        while ((header.toString().getBytes(StandardCharsets.UTF_8).length) % 8 != 0) header.append(' ');
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + h.length + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h);
        for (byte[] b : blobs) out.put(b);
        return out.array();
    }

    /** Reads every tensor of {@code file}, in data order: {@code Map<String, Tensor> sd = Safetensors.load(path)}. */
    public static Map<String, Tensor> load(Path file) {
        return deserialize(readAll(file), file.toString());
    }

    /** The {@code __metadata__} strings of {@code file} (empty when it has none). */
    public static Map<String, String> metadata(Path file) {
        byte[] bytes = readAll(file);
        Map<String, Object> header = header(bytes, file.toString());
        Map<String, String> meta = new LinkedHashMap<>();
        if (header.get(METADATA) instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) meta.put((String) e.getKey(), (String) e.getValue());
        }
        return meta;
    }

    /** Reads the tensors held in {@code bytes}, a whole safetensors file; {@code source} names it in errors. */
    public static Map<String, Tensor> deserialize(byte[] bytes, String source) {
        Map<String, Object> header = header(bytes, source);
        long dataStart = 8 + ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        long dataLength = bytes.length - dataStart;
        record Entry(String name, String dtype, int[] shape, long begin, long end) {}
        List<Entry> entries = new ArrayList<>();
        for (var e : header.entrySet()) {
            if (e.getKey().equals(METADATA)) continue;
            String name = e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> info)) throw bad(source, "entry \"" + name + "\" is not an object");
            if (!(info.get("dtype") instanceof String dtype)) throw bad(source, "entry \"" + name + "\" has no string dtype");
            int[] shape = ints(info.get("shape"), source, name, "shape");
            int[] offs = ints(info.get("data_offsets"), source, name, "data_offsets");
            if (offs.length != 2 || offs[0] < 0 || offs[0] > offs[1]) {
                throw bad(source, "entry \"" + name + "\" has data_offsets " + Arrays.toString(offs) + "; expected [begin, end] with begin <= end");
            }
            long numel = 1;
            for (int d : shape) {
                if (d < 0) throw bad(source, "entry \"" + name + "\" has a negative size in shape " + Arrays.toString(shape));
                numel *= d;
            }
            long expected = numel * width(dtype, source, name);
            if (offs[1] - offs[0] != expected) {
                throw bad(source, "entry \"" + name + "\" of dtype " + dtype + " and shape " + Arrays.toString(shape) + " needs "
                        + expected + " bytes but data_offsets " + Arrays.toString(offs) + " span " + (offs[1] - offs[0]));
            }
            entries.add(new Entry(name, dtype, shape, offs[0], offs[1]));
        }
        entries.sort((a, b) -> Long.compare(a.begin, b.begin));
        long covered = 0;
        for (Entry e : entries) {
            if (e.begin != covered) {
                throw bad(source, "tensor \"" + e.name + "\" starts at byte " + e.begin + " of the data but the previous one ends at "
                        + covered + " (data ranges must be contiguous and not overlap)");
            }
            covered = e.end;
        }
        if (covered != dataLength) {
            throw bad(source, covered > dataLength
                    ? "the file is truncated: the header describes " + covered + " bytes of data but only " + dataLength + " follow it"
                    : "the header describes " + covered + " bytes of data but " + dataLength + " follow it");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Entry e : entries) out.put(e.name, decode(data, (int) (dataStart + e.begin), e.dtype, e.shape));
        return out;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("safetensors: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> header(byte[] bytes, String source) {
        if (bytes.length < 8) throw bad(source, "the file is truncated: " + bytes.length + " bytes, fewer than the 8 of the header length");
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (n < 2 || n > MAX_HEADER) throw bad(source, "header length " + n + " is not between 2 and " + MAX_HEADER + " bytes");
        if (8 + n > bytes.length) {
            throw bad(source, "the file is truncated: the header length says " + n + " bytes but only " + (bytes.length - 8) + " follow");
        }
        String text = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        if (!text.startsWith("{")) throw bad(source, "the header does not start with '{'");
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad(source, "the header is not valid JSON (" + e.getMessage() + ")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) parsed;
        Object meta = header.get(METADATA);
        if (meta != null) {
            if (!(meta instanceof Map<?, ?> m) || !m.values().stream().allMatch(v -> v instanceof String)) {
                throw bad(source, "__metadata__ must map strings to strings");
            }
        }
        return header;
    }

    private static int[] ints(Object v, String source, String name, String field) {
        if (!(v instanceof List<?> list)) throw bad(source, "entry \"" + name + "\" has no " + field + " list");
        int[] r = new int[list.size()];
        for (int i = 0; i < r.length; i++) {
            if (!(list.get(i) instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw bad(source, "entry \"" + name + "\" has a " + field + " element that is not a 32-bit integer: " + list.get(i));
            }
            r[i] = (int) (long) l;
        }
        return r;
    }

    private static IllegalArgumentException bad(String source, String what) {
        return new IllegalArgumentException("safetensors: " + source + ": " + what);
    }

    private static String code(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "F32";
            case FLOAT64 -> "F64";
            case INT64 -> "I64";
            case BOOL -> "BOOL";
        };
    }

    private static int width(String dtype, String source, String name) {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "BOOL", "U8", "I8" -> 1;
            default -> throw bad(source, "entry \"" + name + "\" has dtype " + dtype
                    + ", which autograd4j does not read (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        };
    }

    private static byte[] bytesOf(Tensor t) {
        int n = t.numel();
        ByteBuffer b;
        switch (t.dtype()) {
            case FLOAT32 -> { b = buffer(4L * n); for (float v : t.toFloatArray()) b.putFloat(v); }
            case FLOAT64 -> { b = buffer(8L * n); for (double v : t.toDoubleArray()) b.putDouble(v); }
            case INT64 -> { b = buffer(8L * n); for (long v : t.toLongArray()) b.putLong(v); }
            case BOOL -> { b = buffer(n); for (boolean v : t.toBooleanArray()) b.put((byte) (v ? 1 : 0)); }
            default -> throw new AssertionError(t.dtype());
        }
        return b.array();
    }

    private static ByteBuffer buffer(long n) {
        return ByteBuffer.allocate(Math.toIntExact(n)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The narrower types widen to the nearest dtype autograd4j has (F16/BF16 to float32, I32/I16/I8/U8 to int64). */
    private static Tensor decode(ByteBuffer data, int at, String dtype, int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        Storage s = switch (dtype) {
            case "F32" -> { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = data.getFloat(at + 4 * i); yield Storage.of(a); }
            case "F64" -> { double[] a = new double[n]; for (int i = 0; i < n; i++) a[i] = data.getDouble(at + 8 * i); yield Storage.of(a); }
            case "F16" -> { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = Float.float16ToFloat(data.getShort(at + 2 * i)); yield Storage.of(a); }
            case "BF16" -> { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = Float.intBitsToFloat((data.getShort(at + 2 * i) & 0xFFFF) << 16); yield Storage.of(a); }
            case "I64" -> { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = data.getLong(at + 8 * i); yield Storage.of(a); }
            case "I32" -> { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = data.getInt(at + 4 * i); yield Storage.of(a); }
            case "I16" -> { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = data.getShort(at + 2 * i); yield Storage.of(a); }
            case "I8" -> { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = data.get(at + i); yield Storage.of(a); }
            case "U8" -> { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = data.get(at + i) & 0xFF; yield Storage.of(a); }
            case "BOOL" -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) a[i] = data.get(at + i) != 0;
                yield Storage.of(a);
            }
            default -> throw new AssertionError(dtype);   // width() rejected it already
        };
        return Tensor.wrap(s, shape);
    }
}
