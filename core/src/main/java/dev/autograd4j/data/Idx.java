package dev.autograd4j.data;

import dev.autograd4j.Tensor;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An array read from the IDX format of MNIST and Fashion-MNIST (gzip-compressed or not; the gzip magic decides):
 * two zero bytes, a type code, the number of dimensions, big-endian int32 sizes, then the big-endian elements.
 *
 * <pre>{@code
 * Idx images = Idx.read(Path.of("train-images-idx3-ubyte.gz"));
 * images.shape();                         // [60000, 28, 28]
 * Tensor x = images.toFloat32(1 / 255.0); // pixels scaled to [0, 1]
 * }</pre>
 */
public final class Idx {

    /** The element types of the format, by their type code. */
    public enum Type {
        /** Code 0x08: unsigned byte, the type of MNIST's pixels and labels. */
        UBYTE(0x08, 1),
        /** Code 0x09: signed byte. */
        BYTE(0x09, 1),
        /** Code 0x0B: big-endian int16. */
        SHORT(0x0B, 2),
        /** Code 0x0C: big-endian int32. */
        INT(0x0C, 4),
        /** Code 0x0D: big-endian float32. */
        FLOAT(0x0D, 4),
        /** Code 0x0E: big-endian float64. */
        DOUBLE(0x0E, 8);

        final int code;
        final int bytes;

        Type(int code, int bytes) { this.code = code; this.bytes = bytes; }

        static Type of(int code) {
            for (Type t : values()) if (t.code == code) return t;
            throw new IllegalArgumentException(String.format("IDX: unknown element type code 0x%02X (known: 0x08, 0x09, 0x0B-0x0E)", code));
        }
    }

    private final Type type;
    private final int[] shape;
    private final ByteBuffer data;   // big-endian elements, row-major

    private Idx(Type type, int[] shape, ByteBuffer data) {
        this.type = type;
        this.shape = shape;
        this.data = data;
    }

    /** Reads an IDX file, gzip-compressed or not: {@code Idx.read(Path.of("t10k-labels-idx1-ubyte.gz"))}. */
    public static Idx read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("IDX: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an IDX stream, gzip-compressed or not; {@code source} names it in errors: {@code Idx.read(in, "labels")}. */
    public static Idx read(InputStream stream, String source) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(stream, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read(), b1 = buffered.read();
            buffered.reset();
            InputStream raw = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            DataInputStream in = new DataInputStream(raw);
            int zero0 = in.readUnsignedByte(), zero1 = in.readUnsignedByte();
            if (zero0 != 0 || zero1 != 0) {
                throw new IllegalArgumentException(String.format(
                        "IDX: %s does not start with two zero bytes (got 0x%02X 0x%02X): not an IDX file", source, zero0, zero1));
            }
            Type type = Type.of(in.readUnsignedByte());
            int dims = in.readUnsignedByte();
            if (dims == 0) throw new IllegalArgumentException("IDX: " + source + " declares 0 dimensions");
            int[] shape = new int[dims];
            long n = 1;
            for (int i = 0; i < dims; i++) {
                shape[i] = in.readInt();
                if (shape[i] < 0) throw new IllegalArgumentException("IDX: " + source + " declares a negative size " + shape[i]);
                n *= shape[i];
            }
            long bytes = n * type.bytes;
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("IDX: " + source + " shape " + Arrays.toString(shape) + " is too large");
            }
            byte[] payload = new byte[(int) bytes];
            try {
                in.readFully(payload);
            } catch (EOFException e) {
                throw new IllegalArgumentException("IDX: " + source + " is truncated: shape " + Arrays.toString(shape)
                        + " of " + type + " needs " + bytes + " bytes of data", e);
            }
            return new Idx(type, shape, ByteBuffer.wrap(payload));
        } catch (EOFException e) {
            throw new IllegalArgumentException("IDX: " + source + " is truncated inside its header", e);
        } catch (IOException e) {
            throw new UncheckedIOException("IDX: cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** The element type: {@code Idx.read(p).type() == Idx.Type.UBYTE}. */
    public Type type() { return type; }

    /** The sizes of the dimensions: {@code [60000, 28, 28]} for MNIST's training images. */
    public int[] shape() { return shape.clone(); }

    /** The number of elements. */
    public int numel() { return data.capacity() / type.bytes; }

    /** Element {@code i} in row-major order, as a double (unsigned bytes read as 0..255). */
    public double get(int i) {
        int at = i * type.bytes;
        return switch (type) {
            case UBYTE -> data.get(at) & 0xFF;
            case BYTE -> data.get(at);
            case SHORT -> data.getShort(at);
            case INT -> data.getInt(at);
            case FLOAT -> data.getFloat(at);
            case DOUBLE -> data.getDouble(at);
        };
    }

    /** The elements as a float32 tensor of this shape, each multiplied by {@code scale}: {@code idx.toFloat32(1 / 255.0)}. */
    public Tensor toFloat32(double scale) {
        float[] out = new float[numel()];
        for (int i = 0; i < out.length; i++) out[i] = (float) (get(i) * scale);
        return Tensor.of(out, shape);
    }

    /** The elements as an int64 tensor of this shape, as class labels are: {@code idx.toInt64()}. */
    public Tensor toInt64() {
        if (type == Type.FLOAT || type == Type.DOUBLE) {
            throw new IllegalArgumentException("IDX: toInt64 needs an integer type, this array holds " + type);
        }
        long[] out = new long[numel()];
        for (int i = 0; i < out.length; i++) out[i] = (long) get(i);
        return Tensor.of(out, shape);
    }
}
