package dev.autograd4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kernels")
class KernelProviderTest {

    @Test
    void picksSimdExactlyWhenTheModuleIsPresentAndNotSwitchedOff() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean off = "false".equalsIgnoreCase(System.getProperty("autograd4j.simd"));
        assertEquals(module && !off, KernelProvider.simdEnabled(), KernelProvider.kernels().name());
        assertTrue(KernelProvider.kernels().name().startsWith(KernelProvider.simdEnabled() ? "Vector API" : "scalar"));
    }
}
