package dev.autograd4j.print;

import java.util.Objects;

/**
 * The equivalent of {@code torch.set_printoptions}: an immutable set of printing options plus a process-wide
 * current value (held in a volatile field, so every thread sees the latest {@link #set}).
 *
 * <pre>{@code
 * PrintOptions.setPrintOptions(2, null, null, null, null);   // torch.set_printoptions(precision=2)
 * PrintOptions.setProfile("default");                        // torch.set_printoptions(profile="default")
 * }</pre>
 */
public final class PrintOptions {

    /** The threshold that means "never summarise" (PyTorch's {@code inf}, used by the "full" profile). */
    public static final long INFINITE_THRESHOLD = Long.MAX_VALUE;

    /** PyTorch's defaults: precision 4, threshold 1000, edgeitems 3, linewidth 80, sci mode automatic. */
    public static final PrintOptions DEFAULT = new PrintOptions(4, 1000, 3, 80, null);

    private static volatile PrintOptions current = DEFAULT;

    private final int precision;
    private final long threshold;
    private final int edgeitems;
    private final int linewidth;
    private final Boolean sciMode;

    private PrintOptions(int precision, long threshold, int edgeitems, int linewidth, Boolean sciMode) {
        if (precision < 0) {
            throw new IllegalArgumentException("precision must be >= 0, got " + precision);
        }
        if (edgeitems < 0) {
            throw new IllegalArgumentException("edgeitems must be >= 0, got " + edgeitems);
        }
        this.precision = precision;
        this.threshold = threshold;
        this.edgeitems = edgeitems;
        this.linewidth = linewidth;
        this.sciMode = sciMode;
    }

    /**
     * Creates options from explicit values ({@code sciMode} null means automatic).
     *
     * <pre>{@code PrintOptions o = PrintOptions.of(4, 1000, 3, 80, null);  // == PrintOptions.DEFAULT}</pre>
     */
    public static PrintOptions of(int precision, long threshold, int edgeitems, int linewidth, Boolean sciMode) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    /**
     * Returns the options of a PyTorch profile: "default", "short" (precision 2, edgeitems 2) or "full" (no summarising).
     *
     * <pre>{@code PrintOptions.profile("short").precision() == 2}</pre>
     *
     * @throws IllegalArgumentException for any other name (PyTorch silently ignores unknown names)
     */
    public static PrintOptions profile(String name) {
        return switch (Objects.requireNonNull(name, "profile")) {
            case "default" -> DEFAULT;
            case "short" -> new PrintOptions(2, 1000, 2, 80, null);
            case "full" -> new PrintOptions(4, INFINITE_THRESHOLD, 3, 80, null);
            default -> throw new IllegalArgumentException(
                    "unknown print profile '" + name + "' (expected default, short or full)");
        };
    }

    /**
     * Returns the process-wide options that {@link TensorFormatter} uses when none are passed.
     *
     * <pre>{@code int p = PrintOptions.current().precision();}</pre>
     */
    public static PrintOptions current() {
        return current;
    }

    /**
     * Replaces the process-wide options.
     *
     * <pre>{@code PrintOptions.set(PrintOptions.current().toBuilder().linewidth(120).build());}</pre>
     */
    public static void set(PrintOptions options) {
        current = Objects.requireNonNull(options, "options");
    }

    /**
     * Restores PyTorch's defaults, like {@code torch.set_printoptions(profile="default")}.
     *
     * <pre>{@code PrintOptions.reset();}</pre>
     */
    public static void reset() {
        current = DEFAULT;
    }

    /**
     * {@code torch.set_printoptions(precision, threshold, edgeitems, linewidth, sci_mode=sciMode)}: a null number
     * leaves that option unchanged, while {@code sciMode} is always applied (null = automatic), exactly as in PyTorch.
     *
     * <pre>{@code PrintOptions.setPrintOptions(null, 5, 2, null, null);  // threshold=5, edgeitems=2}</pre>
     */
    public static void setPrintOptions(Integer precision, Integer threshold, Integer edgeitems, Integer linewidth,
                                       Boolean sciMode) {
        setPrintOptions(null, precision, threshold == null ? null : threshold.longValue(), edgeitems, linewidth, sciMode);
    }

    /**
     * The full {@code torch.set_printoptions}: a non-null {@code profile} is applied first, then the non-null numbers,
     * and {@code sciMode} is always applied (null = automatic).
     *
     * <pre>{@code PrintOptions.setPrintOptions("short", null, null, null, 100, null);}</pre>
     */
    public static synchronized void setPrintOptions(String profile, Integer precision, Long threshold, Integer edgeitems,
                                                    Integer linewidth, Boolean sciMode) {
        Builder b = (profile == null ? current : profile(profile)).toBuilder();
        if (precision != null) {
            b.precision(precision);
        }
        if (threshold != null) {
            b.threshold(threshold);
        }
        if (edgeitems != null) {
            b.edgeitems(edgeitems);
        }
        if (linewidth != null) {
            b.linewidth(linewidth);
        }
        b.sciMode(sciMode);
        current = b.build();
    }

    /**
     * {@code torch.set_printoptions(profile=name)}; like PyTorch this also puts sci mode back to automatic.
     *
     * <pre>{@code PrintOptions.setProfile("full");}</pre>
     */
    public static void setProfile(String name) {
        setPrintOptions(name, null, null, null, null, null);
    }

    /**
     * Starts a builder from PyTorch's defaults.
     *
     * <pre>{@code PrintOptions o = PrintOptions.builder().precision(2).sciMode(false).build();}</pre>
     */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /**
     * Starts a builder from these options.
     *
     * <pre>{@code PrintOptions wide = PrintOptions.current().toBuilder().linewidth(200).build();}</pre>
     */
    public Builder toBuilder() {
        return new Builder(precision, threshold, edgeitems, linewidth, sciMode);
    }

    /** Digits after the point (or of the mantissa in sci mode), default 4; e.g. {@code DEFAULT.precision() == 4}. */
    public int precision() {
        return precision;
    }

    /** Element count above which a tensor is summarised, default 1000; e.g. {@code DEFAULT.threshold() == 1000}. */
    public long threshold() {
        return threshold;
    }

    /** Items kept at each end of each summarised dimension, default 3; e.g. {@code DEFAULT.edgeitems() == 3}. */
    public int edgeitems() {
        return edgeitems;
    }

    /** Characters per line for wrapping, default 80; e.g. {@code DEFAULT.linewidth() == 80}. */
    public int linewidth() {
        return linewidth;
    }

    /** Forced sci mode, or null for automatic (the default); e.g. {@code DEFAULT.sciMode() == null}. */
    public Boolean sciMode() {
        return sciMode;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrintOptions p && p.precision == precision && p.threshold == threshold
                && p.edgeitems == edgeitems && p.linewidth == linewidth && Objects.equals(p.sciMode, sciMode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(precision, threshold, edgeitems, linewidth, sciMode);
    }

    @Override
    public String toString() {
        return "PrintOptions(precision=" + precision + ", threshold="
                + (threshold == INFINITE_THRESHOLD ? "inf" : Long.toString(threshold)) + ", edgeitems=" + edgeitems
                + ", linewidth=" + linewidth + ", sci_mode=" + (sciMode == null ? "None" : sciMode ? "True" : "False")
                + ")";
    }

    /** A mutable builder of {@link PrintOptions}. */
    public static final class Builder {
        private int precision;
        private long threshold;
        private int edgeitems;
        private int linewidth;
        private Boolean sciMode;

        private Builder(int precision, long threshold, int edgeitems, int linewidth, Boolean sciMode) {
            this.precision = precision;
            this.threshold = threshold;
            this.edgeitems = edgeitems;
            this.linewidth = linewidth;
            this.sciMode = sciMode;
        }

        /** Sets the precision; e.g. {@code builder().precision(2)}. */
        public Builder precision(int value) {
            this.precision = value;
            return this;
        }

        /** Sets the threshold ({@link #INFINITE_THRESHOLD} for never); e.g. {@code builder().threshold(5)}. */
        public Builder threshold(long value) {
            this.threshold = value;
            return this;
        }

        /** Sets the edge items; e.g. {@code builder().edgeitems(2)}. */
        public Builder edgeitems(int value) {
            this.edgeitems = value;
            return this;
        }

        /** Sets the line width; e.g. {@code builder().linewidth(40)}. */
        public Builder linewidth(int value) {
            this.linewidth = value;
            return this;
        }

        /** Forces sci mode on or off, or null for automatic; e.g. {@code builder().sciMode(false)}. */
        public Builder sciMode(Boolean value) {
            this.sciMode = value;
            return this;
        }

        /** Builds the options; e.g. {@code PrintOptions.builder().build().equals(PrintOptions.DEFAULT)}. */
        public PrintOptions build() {
            return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
        }
    }
}
