package dev.autograd4j.kernel;

/**
 * Picks the {@link Kernels} implementation once, at class initialisation (the Lucene vectorization pattern).
 *
 * <p>The Vector API implementation is used when the {@code jdk.incubator.vector} module is in the boot layer and
 * the system property {@code autograd4j.simd} is not {@code "false"}; otherwise the scalar kernels run and one INFO
 * line on the {@code dev.autograd4j.kernel} {@link System.Logger} says how to enable SIMD.
 *
 * <pre>{@code KernelProvider.kernels().binary(Kernels.BinaryOp.ADD, a, 0, b, 0, out, 0, n);}</pre>
 */
public final class KernelProvider {

    private static final System.Logger LOG = System.getLogger("dev.autograd4j.kernel");
    private static final String SIMD_CLASS = "dev.autograd4j.kernel.simd.VectorKernels";
    private static final Kernels KERNELS = choose();

    private KernelProvider() {
    }

    /**
     * Returns the kernels every op computes with.
     *
     * <pre>{@code float s = KernelProvider.kernels().sum(data, 0, data.length);}</pre>
     */
    public static Kernels kernels() {
        return KERNELS;
    }

    /**
     * Returns true when the Vector API kernels were picked.
     *
     * <pre>{@code if (!KernelProvider.simdEnabled()) System.err.println("slow path");}</pre>
     */
    public static boolean simdEnabled() {
        return !(KERNELS instanceof ScalarKernels);
    }

    private static Kernels choose() {
        if ("false".equalsIgnoreCase(System.getProperty("autograd4j.simd"))) {
            LOG.log(System.Logger.Level.INFO, "autograd4j: SIMD kernels disabled by -Dautograd4j.simd=false; using scalar kernels");
            return new ScalarKernels();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "autograd4j: using scalar kernels; run with --add-modules jdk.incubator.vector"
                    + " to enable the SIMD (Vector API) kernels");
            return new ScalarKernels();
        }
        try {
            return (Kernels) Class.forName(SIMD_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "autograd4j: SIMD kernels failed to load (" + e + "); using scalar kernels");
            return new ScalarKernels();
        }
    }
}
