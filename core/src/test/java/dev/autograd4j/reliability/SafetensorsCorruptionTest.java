package dev.autograd4j.reliability;

import dev.autograd4j.Tensor;
import dev.autograd4j.io.Safetensors;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.Module;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Truncated and corrupted safetensors files: loading either succeeds or throws the reader's own
 * IllegalArgumentException naming the file and the problem (never an index, cast or size error from deep inside),
 * and a module that the failed load was meant for is left exactly as it was.
 */
class SafetensorsCorruptionTest {
    private static Module model() {
        Tensor.manualSeed(5);
        return new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
    }

    private static final byte[] GOOD = Safetensors.serialize(model().stateDict(), Map.of("format", "pt"));

    /** Loads {@code bytes} into a fresh model; on failure checks the message and that the model did not change. */
    private static void loadOrRejectCleanly(byte[] bytes, String what) {
        Module m = model();
        Snapshot before = Snapshot.of(m);
        Map<String, Tensor> sd;
        try {
            sd = Safetensors.deserialize(bytes, "model.safetensors");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("safetensors: model.safetensors: "), what + ": " + e.getMessage());
            before.assertUnchanged();
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": an unclear " + e.getClass().getSimpleName() + " escaped the reader", e);
        }
        try {
            m.loadStateDict(sd);
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().startsWith("Error(s) in loading state_dict"), what + ": " + e.getMessage());
            before.assertUnchanged();
        }
    }

    @Test
    void everyTruncationIsRejected() {
        for (int len = 0; len < GOOD.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(GOOD, len);
            Module m = model();
            Snapshot before = Snapshot.of(m);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Safetensors.deserialize(cut, "model.safetensors"), "length " + len);
            assertTrue(e.getMessage().startsWith("safetensors: model.safetensors: "), e.getMessage());
            before.assertUnchanged();
        }
    }

    @Property(tries = 500)
    void randomByteCorruptionsLoadOrFailCleanly(@ForAll long seed) {
        Random rnd = new Random(seed);
        byte[] bad = GOOD.clone();
        int flips = 1 + rnd.nextInt(3);
        long headerEnd = 8 + java.nio.ByteBuffer.wrap(GOOD).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
        for (int i = 0; i < flips; i++) {
            // mostly in the length prefix and the JSON header, where a flip changes the structure
            int at = rnd.nextInt(4) == 0 ? rnd.nextInt(bad.length) : rnd.nextInt((int) headerEnd);
            bad[at] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) "{}[]\",:0123456789-e".charAt(rnd.nextInt(19));
        }
        loadOrRejectCleanly(bad, "seed " + seed);
    }

    @Test
    void theUncorruptedFileLoads() {
        Module m = model();
        m.loadStateDict(Safetensors.deserialize(GOOD, "model.safetensors"));
        assertEquals(model().stateDict().keySet(), m.stateDict().keySet());
    }
}
