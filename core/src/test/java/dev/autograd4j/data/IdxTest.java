package dev.autograd4j.data;

import dev.autograd4j.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxTest {
    @TempDir Path dir;

    /** An IDX file of unsigned bytes, written by hand from the format's description. */
    private static byte[] ubyte(int[] shape, int[] values) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.write(new byte[]{0, 0, 0x08, (byte) shape.length});
        for (int s : shape) out.writeInt(s);
        for (int v : values) out.writeByte(v);
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bytes)) { gz.write(raw); }
        return bytes.toByteArray();
    }

    @Test
    void readsUnsignedBytesPlainAndGzipped() throws IOException {
        byte[] raw = ubyte(new int[]{2, 2, 3}, new int[]{0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255});
        Files.write(dir.resolve("a"), raw);
        Files.write(dir.resolve("a.gz"), gzip(raw));
        for (String name : new String[]{"a", "a.gz"}) {
            Idx idx = Idx.read(dir.resolve(name));
            assertEquals(Idx.Type.UBYTE, idx.type());
            assertArrayEquals(new int[]{2, 2, 3}, idx.shape());
            assertEquals(255.0, idx.get(11));
            var t = idx.toFloat32(1 / 255.0);
            assertEquals(DType.FLOAT32, t.dtype());
            assertArrayEquals(new int[]{2, 2, 3}, t.shape());
            assertEquals(1f, t.toFloatArray()[11]);
            assertEquals(4f / 255f, t.toFloatArray()[4], 1e-7);
            assertArrayEquals(new long[]{0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255}, idx.toInt64().toLongArray());
        }
    }

    @Test
    void readsBigEndianFloats() throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.write(new byte[]{0, 0, 0x0D, 1});
        out.writeInt(2);
        out.writeFloat(1.5f);
        out.writeFloat(-2.25f);
        Files.write(dir.resolve("f"), bytes.toByteArray());
        Idx idx = Idx.read(dir.resolve("f"));
        assertArrayEquals(new float[]{1.5f, -2.25f}, idx.toFloat32(1).toFloatArray());
        assertThrows(IllegalArgumentException.class, idx::toInt64);
    }

    @Test
    void truncatedOrForeignFilesFailClearly() throws IOException {
        byte[] raw = ubyte(new int[]{3, 4}, new int[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        Files.write(dir.resolve("short"), Arrays.copyOf(raw, raw.length - 3));
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.read(dir.resolve("short")));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("[3, 4]"), e.getMessage());
        Files.write(dir.resolve("header"), Arrays.copyOf(raw, 6));
        e = assertThrows(IllegalArgumentException.class, () -> Idx.read(dir.resolve("header")));
        assertTrue(e.getMessage().contains("truncated inside its header"), e.getMessage());
        Files.writeString(dir.resolve("text"), "hello");
        e = assertThrows(IllegalArgumentException.class, () -> Idx.read(dir.resolve("text")));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
        Files.write(dir.resolve("type"), new byte[]{0, 0, 0x07, 1, 0, 0, 0, 0});
        e = assertThrows(IllegalArgumentException.class, () -> Idx.read(dir.resolve("type")));
        assertTrue(e.getMessage().contains("0x07"), e.getMessage());
    }

    @Test
    void fashionMnistPairsImagesAndLabelsAsToTensorDoes() throws IOException {
        int[] pixels = new int[2 * 28 * 28];
        pixels[0] = 255;
        pixels[28 * 28 + 5] = 51;
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(ubyte(new int[]{2, 28, 28}, pixels)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), ubyte(new int[]{2}, new int[]{9, 3}));
        TensorDataset test = FashionMnist.load(dir, false);
        assertEquals(2, test.size());
        var ex = test.get(1);
        assertArrayEquals(new int[]{1, 28, 28}, ex[0].shape());
        assertEquals(0.2f, ex[0].toFloatArray()[5], 1e-7);
        assertEquals(3L, ex[1].item(), 0);
        assertEquals("Ankle boot", FashionMnist.CLASSES.get((int) test.get(0)[1].item()));
        assertTrue(FashionMnist.installed(dir).isEmpty(), "no training split here");
        var e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir, true));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }
}
