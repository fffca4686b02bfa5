package dev.autograd4j.kernel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The one intra-op thread pool, sized to the cores, like {@code torch.set_num_threads}.
 *
 * <p>Workers are daemon threads that block (never spin) while idle: on a 2-vCPU machine shared with other
 * processes, spinning pools slowed small work down 4-100x. Work below the grain, work on a single-thread
 * setting and nested calls from a worker run inline on the calling thread without any task submission.
 *
 * <pre>{@code Parallel.parallelFor(0, rows, 64, (r0, r1) -> multiplyRows(r0, r1));}</pre>
 */
public final class Parallel {

    private static final ThreadPoolExecutor POOL;
    private static volatile int numThreads;

    static {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        numThreads = cores;
        POOL = new ThreadPoolExecutor(Math.max(1, cores - 1), Math.max(1, cores - 1), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new WorkerFactory());
        // Idle workers exit after 30 s, so a program that stopped computing holds no threads.
        POOL.allowCoreThreadTimeOut(true);
    }

    private Parallel() {
    }

    /**
     * Sets how many threads (the caller included) parallel kernels use, like {@code torch.set_num_threads}.
     *
     * <pre>{@code Parallel.setNumThreads(1); // everything runs on the calling thread}</pre>
     */
    public static synchronized void setNumThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("set_num_threads expects a positive integer, got " + threads);
        }
        int workers = Math.max(1, threads - 1);
        // Order matters: the core size may never exceed the maximum size.
        if (workers > POOL.getMaximumPoolSize()) {
            POOL.setMaximumPoolSize(workers);
            POOL.setCorePoolSize(workers);
        } else {
            POOL.setCorePoolSize(workers);
            POOL.setMaximumPoolSize(workers);
        }
        numThreads = threads;
    }

    /**
     * Returns the number of threads parallel kernels use, like {@code torch.get_num_threads}.
     *
     * <pre>{@code int t = Parallel.getNumThreads();}</pre>
     */
    public static int getNumThreads() {
        return numThreads;
    }

    /**
     * Runs {@code body} over {@code [start, end)} split into at most {@link #getNumThreads()} contiguous chunks of at
     * least {@code grain} indices each; returns when all chunks are done and rethrows the first failure.
     *
     * <pre>{@code Parallel.parallelFor(0, n, 32768, (a, b) -> scale(x, a, b));}</pre>
     */
    public static void parallelFor(int start, int end, int grain, IntRangeBody body) {
        int n = end - start;
        if (n <= 0) {
            return;
        }
        int g = Math.max(1, grain);
        int threads = numThreads;
        if (threads == 1 || n <= g || Thread.currentThread() instanceof Worker) {
            body.run(start, end);
            return;
        }
        int chunks = (int) Math.min(threads, ((long) n + g - 1) / g);
        if (chunks <= 1) {
            body.run(start, end);
            return;
        }
        runChunks(start, n, chunks, body);
    }

    /**
     * Runs {@code body} over {@code [start, end)} in chunks of {@code chunk} indices that the caller and up to
     * {@code getNumThreads() - 1} workers claim one at a time; returns when all are done and rethrows the first
     * failure. Unlike {@link #parallelFor}, a worker that wakes up late simply finds less work, so the caller never
     * idles waiting for a thread to start (waking a parked thread on a VM can take tens of microseconds).
     *
     * <pre>{@code Parallel.parallelForChunks(0, rowBlocks, 1, (b0, b1) -> multiplyRowBlocks(b0, b1));}</pre>
     */
    public static void parallelForChunks(int start, int end, int chunk, IntRangeBody body) {
        parallelForChunks(null, start, end, chunk, body);
    }

    /**
     * As {@link #parallelForChunks(int, int, int, IntRangeBody)}, after a {@code prologue} that the caller runs while
     * the workers wake up: no chunk starts before it has finished. A GEMM packs the shared B block this way, so the
     * tens of microseconds a parked worker takes to start overlap the packing instead of following it. A worker
     * that is up before the prologue ends waits for it by spinning briefly, then parked (never for long: the
     * prologue is the caller's next few microseconds of work).
     *
     * <pre>{@code Parallel.parallelForChunks(() -> packB(b, panel), 0, rowBlocks, 1, (b0, b1) -> multiply(panel, b0, b1));}</pre>
     */
    public static void parallelForChunks(Runnable prologue, int start, int end, int chunk, IntRangeBody body) {
        int n = end - start;
        if (n <= 0) {
            if (prologue != null) prologue.run();
            return;
        }
        int c = Math.max(1, chunk);
        int count = (int) (((long) n + c - 1) / c);
        int threads = numThreads;
        if (threads == 1 || count == 1 || Thread.currentThread() instanceof Worker) {
            if (prologue != null) prologue.run();
            body.run(start, end);
            return;
        }
        DynamicJob job = new DynamicJob(start, end, c, count, body, prologue == null);
        for (int h = Math.min(threads, count) - 1; h > 0; h--) {
            POOL.execute(job::help);
        }
        if (prologue != null) {
            try {
                prologue.run();
            } catch (Throwable t) {
                job.abandon();
                throw t;
            }
            job.open();
        }
        job.help();
        job.awaitDone();
        rethrow(job.failure.get());
    }

    /** How long a worker spins for a job's prologue before it parks (about the packing of a small GEMM's B). */
    private static final long PROLOGUE_SPIN_NANOS = 50_000;

    /** Shared state of one {@link #parallelForChunks} call: a chunk counter, a completion count, the waiting caller. */
    private static final class DynamicJob {
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread caller = Thread.currentThread();
        final int start, end, chunk, count;
        final IntRangeBody body;
        /** False while the caller runs the prologue; workers that arrive then wait in {@code waiters}. */
        volatile boolean ready;
        final java.util.concurrent.ConcurrentLinkedQueue<Thread> waiters = new java.util.concurrent.ConcurrentLinkedQueue<>();

        DynamicJob(int start, int end, int chunk, int count, IntRangeBody body, boolean ready) {
            this.start = start;
            this.end = end;
            this.chunk = chunk;
            this.count = count;
            this.body = body;
            this.ready = ready;
        }

        /** The prologue is done: chunks may start. */
        void open() {
            ready = true;
            for (Thread t : waiters) LockSupport.unpark(t);
        }

        /** The prologue failed: workers find no chunks left and return. */
        void abandon() {
            next.set(count);
            open();
        }

        private void awaitReady() {
            long until = System.nanoTime() + PROLOGUE_SPIN_NANOS;
            while (!ready && System.nanoTime() < until) Thread.onSpinWait();
            if (ready) return;
            // Registered before the re-check, so open() either sees this thread or this thread sees ready.
            waiters.add(Thread.currentThread());
            while (!ready) LockSupport.park(this);
        }

        void help() {
            if (!ready) awaitReady();
            int i;
            while ((i = next.getAndIncrement()) < count) {
                int from = start + i * chunk;
                try {
                    body.run(from, Math.min(end, from + chunk));
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    if (done.incrementAndGet() == count) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        void awaitDone() {
            // park() may return spuriously; the count is the truth. No spinning: the caller sleeps until woken.
            boolean interrupted = false;
            while (done.get() < count) {
                LockSupport.park(this);
                // An interrupted thread's park() returns at once: clear the flag so this cannot spin, restore it later.
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void runChunks(int start, int n, int chunks, IntRangeBody body) {
        CountDownLatch done = new CountDownLatch(chunks - 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int c = 1; c < chunks; c++) {
            int from = start + (int) ((long) n * c / chunks);
            int to = start + (int) ((long) n * (c + 1) / chunks);
            POOL.execute(() -> {
                try {
                    body.run(from, to);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            body.run(start, start + (int) ((long) n / chunks));
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        awaitUninterruptibly(done);
        rethrow(failure.get());
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class WorkerFactory implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Worker(r, "autograd4j-intraop-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Marks pool threads: nested parallelFor calls from a worker run inline instead of queueing behind itself. */
    private static final class Worker extends Thread {
        Worker(Runnable r, String name) {
            super(r, name);
        }
    }
}
