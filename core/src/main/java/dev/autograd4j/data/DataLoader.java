package dev.autograd4j.data;

import dev.autograd4j.Tensor;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Batches of a {@link Dataset}, as {@code torch.utils.data.DataLoader}: a batch size, an optional shuffle drawn from
 * a seeded generator (a new order each epoch, the same sequence of orders for the same seed), {@code dropLast}, and
 * an optional background thread that prepares the next batches while the caller trains on the current one.
 *
 * <pre>{@code
 * var loader = new DataLoader(ds, new DataLoader.Options().batchSize(64).shuffle(true).seed(0).prefetch(2));
 * for (int epoch = 0; epoch < 3; epoch++)
 *     for (Tensor[] batch : loader) train(batch[0], batch[1]);
 * }</pre>
 */
public final class DataLoader implements Iterable<Tensor[]> {

    /** Optional settings, PyTorch's defaults: batch size 1, no shuffle, keep the last partial batch, no prefetch. */
    public static final class Options {
        int batchSize = 1;
        boolean shuffle;
        long seed;
        boolean seeded;
        boolean dropLast;
        int prefetch;

        /** Examples per batch: {@code new Options().batchSize(64)}. */
        public Options batchSize(int batchSize) {
            if (batchSize <= 0) throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size=" + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Whether each epoch visits the examples in a fresh random order: {@code new Options().shuffle(true)}. */
        public Options shuffle(boolean shuffle) { this.shuffle = shuffle; return this; }

        /** Seeds the shuffle generator, as passing {@code generator=torch.Generator().manual_seed(seed)}: {@code .seed(0)}. */
        public Options seed(long seed) { this.seed = seed; this.seeded = true; return this; }

        /** Whether to drop the last batch when it is smaller than the batch size: {@code .dropLast(true)}. */
        public Options dropLast(boolean dropLast) { this.dropLast = dropLast; return this; }

        /**
         * How many batches a background thread prepares ahead (0: batches are built on the caller's thread):
         * {@code .prefetch(2)}.
         */
        public Options prefetch(int batches) {
            if (batches < 0) throw new IllegalArgumentException("prefetch must be >= 0, got " + batches);
            this.prefetch = batches;
            return this;
        }
    }

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final int prefetch;
    private final Random generator;

    /** A loader over {@code dataset} with PyTorch's defaults except the batch size: {@code new DataLoader(ds, 32)}. */
    public DataLoader(Dataset dataset, int batchSize) { this(dataset, new Options().batchSize(batchSize)); }

    /** A loader over {@code dataset} with {@code options}: {@code new DataLoader(ds, new Options().batchSize(8))}. */
    public DataLoader(Dataset dataset, Options options) {
        this.dataset = dataset;
        this.batchSize = options.batchSize;
        this.shuffle = options.shuffle;
        this.dropLast = options.dropLast;
        this.prefetch = options.prefetch;
        // One generator for the loader's life, so epoch k's order depends only on the seed and k.
        this.generator = options.seeded ? new Random(options.seed) : new Random();
    }

    /** The dataset this loader batches. */
    public Dataset dataset() { return dataset; }

    /** The batch size: {@code loader.batchSize()}. */
    public int batchSize() { return batchSize; }

    /** The number of batches per epoch, {@code len(loader)}: {@code new DataLoader(ds(10), 4).size() == 3}. */
    public int size() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * One epoch of batches; each call draws a new order when shuffling. With prefetch the iterator's thread stops at
     * the end of the epoch, or when {@link BatchIterator#close()} is called on an epoch left early.
     */
    @Override
    public BatchIterator iterator() {
        int[] order = nextOrder();
        return prefetch == 0 ? new DirectIterator(order) : new PrefetchIterator(order);
    }

    private synchronized int[] nextOrder() {
        int n = dataset.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (shuffle) {
            for (int i = n - 1; i > 0; i--) {   // Fisher-Yates
                int j = generator.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    private Tensor[] batch(int[] order, int b) {
        int start = b * batchSize;
        int end = Math.min(start + batchSize, order.length);
        int[] idx = new int[end - start];
        System.arraycopy(order, start, idx, 0, idx.length);
        return dataset.getBatch(idx);
    }

    /** An epoch's batches; {@link #close()} releases a prefetching thread when the epoch is left early. */
    public sealed interface BatchIterator extends Iterator<Tensor[]>, AutoCloseable permits DirectIterator, PrefetchIterator {
        /** Stops the background thread, if any; batches not yet taken are dropped. */
        @Override
        void close();
    }

    private final class DirectIterator implements BatchIterator {
        private final int[] order;
        private final int batches = size();
        private int next;

        DirectIterator(int[] order) { this.order = order; }

        @Override public boolean hasNext() { return next < batches; }

        @Override
        public Tensor[] next() {
            if (!hasNext()) throw new NoSuchElementException("the epoch has " + batches + " batches");
            return batch(order, next++);
        }

        @Override public void close() { next = batches; }
    }

    private final class PrefetchIterator implements BatchIterator {
        /** A queue entry: a batch, or the failure that stopped the producer. */
        private record Item(Tensor[] batch, RuntimeException error) {}

        private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(prefetch);
        private final int batches = size();
        private final Thread producer;
        private int taken;

        PrefetchIterator(int[] order) {
            producer = Thread.ofPlatform().daemon().name("autograd4j-dataloader").start(() -> {
                try {
                    for (int b = 0; b < batches; b++) queue.put(new Item(batch(order, b), null));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();   // closed by the consumer: stop quietly
                } catch (RuntimeException e) {
                    try { queue.put(new Item(null, e)); } catch (InterruptedException ignored) { Thread.currentThread().interrupt(); }
                }
            });
        }

        @Override public boolean hasNext() { return taken < batches; }

        @Override
        public Tensor[] next() {
            if (!hasNext()) throw new NoSuchElementException("the epoch has " + batches + " batches");
            Item item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
            if (item.error != null) {
                int failed = taken;
                taken = batches;
                throw new IllegalStateException("DataLoader: building batch " + failed + " failed: " + item.error.getMessage(), item.error);
            }
            taken++;
            return item.batch;
        }

        @Override
        public void close() {
            taken = batches;
            producer.interrupt();
        }
    }
}
