package dev.autograd4j.data;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataLoaderTest {

    /** Ten examples: x[i] = [i, 10 i], y[i] = i, so a batch's labels name the indices it holds. */
    private static TensorDataset ten() {
        float[] x = new float[20];
        long[] y = new long[10];
        for (int i = 0; i < 10; i++) { x[2 * i] = i; x[2 * i + 1] = 10 * i; y[i] = i; }
        return new TensorDataset(Tensor.of(x, new int[]{10, 2}), Tensor.of(y));
    }

    private static List<Long> epoch(DataLoader loader) {
        List<Long> seen = new ArrayList<>();
        for (Tensor[] b : loader) for (long v : b[1].toLongArray()) seen.add(v);
        return seen;
    }

    @Test
    void batchesInOrderKeepTheLastPartialBatchAndPairFields() {
        var loader = new DataLoader(ten(), 4);
        assertEquals(3, loader.size());
        List<int[]> shapes = new ArrayList<>();
        for (Tensor[] b : loader) {
            shapes.add(b[0].shape());
            for (int i = 0; i < b[1].numel(); i++) assertEquals(10.0 * b[1].getFlatLong(i), b[0].select(0, i).getFlat(1));
        }
        assertEquals(List.of("[4, 2]", "[4, 2]", "[2, 2]"), shapes.stream().map(Arrays::toString).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), epoch(loader));
    }

    @Test
    void dropLastDropsTheShortBatch() {
        var loader = new DataLoader(ten(), new DataLoader.Options().batchSize(4).dropLast(true));
        assertEquals(2, loader.size());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), epoch(loader));
    }

    @Test
    void shuffleIsAPermutationPerEpochAndTheSeedFixesTheSequenceOfEpochs() {
        var opts = new DataLoader.Options().batchSize(3).shuffle(true).seed(42);
        var a = new DataLoader(ten(), opts);
        var b = new DataLoader(ten(), new DataLoader.Options().batchSize(3).shuffle(true).seed(42));
        List<Long> a1 = epoch(a), a2 = epoch(a), b1 = epoch(b), b2 = epoch(b);
        assertEquals(a1, b1);
        assertEquals(a2, b2);
        assertNotEquals(a1, a2, "each epoch draws a new order");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), a1.stream().sorted().toList());
        List<Long> other = epoch(new DataLoader(ten(), new DataLoader.Options().batchSize(3).shuffle(true).seed(7)));
        assertNotEquals(a1, other);
    }

    @Test
    void prefetchYieldsTheSameBatchesAsTheCallersThread() {
        var plain = new DataLoader(ten(), new DataLoader.Options().batchSize(3).shuffle(true).seed(5));
        var ahead = new DataLoader(ten(), new DataLoader.Options().batchSize(3).shuffle(true).seed(5).prefetch(2));
        for (int e = 0; e < 3; e++) assertEquals(epoch(plain), epoch(ahead));
        List<float[]> xs = new ArrayList<>();
        for (Tensor[] batch : ahead) xs.add(batch[0].toFloatArray());
        assertEquals(4, xs.size());
    }

    @Test
    void prefetchRunsOnAnotherThreadAndStopsWhenClosedEarly() throws Exception {
        List<String> threads = new ArrayList<>();
        Dataset recording = new Dataset() {
            @Override public int size() { return 100; }
            @Override public Tensor[] get(int index) {
                synchronized (threads) { threads.add(Thread.currentThread().getName()); }
                return new Tensor[]{Tensor.of((float) index)};
            }
        };
        var loader = new DataLoader(recording, new DataLoader.Options().batchSize(2).prefetch(1));
        try (var it = loader.iterator()) {
            assertArrayEquals(new float[]{0, 1}, it.next()[0].view(-1).toFloatArray());
        }
        // The bounded queue keeps the producer at most a few batches ahead, and close() ends the thread.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (loaderThreadAlive() && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(!loaderThreadAlive(), "the prefetch thread ended after close()");
        assertTrue(threads.size() <= 8, "the producer ran only a few batches ahead: " + threads.size() + " examples");
        assertTrue(threads.stream().allMatch(n -> n.equals("autograd4j-dataloader")), threads.toString());
    }

    private static boolean loaderThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("autograd4j-dataloader") && t.isAlive());
    }

    @Test
    void aFailingDatasetSurfacesItsErrorOnTheCallersThread() {
        Dataset broken = new Dataset() {
            @Override public int size() { return 4; }
            @Override public Tensor[] get(int index) {
                if (index == 2) throw new IllegalArgumentException("bad example 2");
                return new Tensor[]{Tensor.of((float) index)};
            }
        };
        var loader = new DataLoader(broken, new DataLoader.Options().batchSize(2).prefetch(1));
        var it = loader.iterator();
        it.next();
        var e = assertThrows(IllegalStateException.class, it::next);
        assertTrue(e.getMessage().contains("batch 1") && e.getMessage().contains("bad example 2"), e.getMessage());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DataLoader.Options().batchSize(0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(4)));
        assertEquals("Size mismatch between tensors: TensorDataset needs tensors of at least one dimension sharing "
                + "dimension 0, got shapes [3, 2], [4]", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ten().get(10));
    }

    @Test
    void theDefaultCollateStacksExamples() {
        Dataset ds = new Dataset() {
            @Override public int size() { return 3; }
            @Override public Tensor[] get(int i) { return new Tensor[]{Tensor.of((float) i, (float) -i), Tensor.of(new long[]{i}).view()}; }
        };
        Tensor[] b = ds.getBatch(new int[]{2, 0});
        assertArrayEquals(new int[]{2, 2}, b[0].shape());
        assertArrayEquals(new float[]{2, -2, 0, 0}, b[0].toFloatArray());
        assertArrayEquals(new long[]{2, 0}, b[1].toLongArray());
    }
}
