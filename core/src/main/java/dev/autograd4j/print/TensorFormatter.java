package dev.autograd4j.print;

import dev.autograd4j.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * PyTorch's tensor {@code repr}, reproduced character for character (the algorithm of {@code torch/_tensor_str.py},
 * PyTorch 2.x), working on a shape, a dtype and an {@link ElementReader} so that it needs no tensor class.
 *
 * <pre>{@code
 * TensorFormatter.format(new int[]{2}, DType.FLOAT32, ElementReader.ofFloats(1f, 2f), List.of("requires_grad=True"))
 *     // "tensor([1., 2.], requires_grad=True)"
 * }</pre>
 */
public final class TensorFormatter {

    private static final String PREFIX = "tensor(";

    private TensorFormatter() {
    }

    /**
     * PyTorch's repr: {@code "tensor(" + data + suffixes + ")"}, using {@link PrintOptions#current()}.
     *
     * <p>{@code suffixes} are the caller's extra suffixes in order, e.g. {@code "grad_fn=<MulBackward0>"},
     * {@code "requires_grad=True"}, {@code "tangent=tensor([...])"}; the formatter itself first adds
     * {@code "size=(0, 3)"} for empty non-1-D tensors and {@code "dtype=torch.float64"} when the dtype is not a
     * default one (float32, int64 and bool are not shown; for empty tensors the dtype is shown whenever it is not
     * float32). A suffix goes on a new line indented 7 spaces when the last line plus the suffix exceeds linewidth.
     *
     * <pre>{@code
     * TensorFormatter.format(new int[]{2}, DType.FLOAT64, ElementReader.ofDoubles(2, 4), List.of("grad_fn=<MulBackward0>"))
     *     // "tensor([2., 4.], dtype=torch.float64, grad_fn=<MulBackward0>)"
     * }</pre>
     */
    public static String format(int[] shape, DType dtype, ElementReader reader, List<String> suffixes) {
        return format(shape, dtype, reader, suffixes, PrintOptions.current());
    }

    /**
     * Like {@link #format(int[], DType, ElementReader, List)} but with explicit options instead of the current ones.
     *
     * <pre>{@code
     * TensorFormatter.format(new int[]{2}, DType.FLOAT32, ElementReader.ofFloats(1f / 3, 2f / 3), List.of(),
     *     PrintOptions.builder().precision(2).build())   // "tensor([0.33, 0.67])"
     * }</pre>
     */
    public static String format(int[] shape, DType dtype, ElementReader reader, List<String> suffixes,
                                PrintOptions options) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(options, "options");
        long numel = numel(shape);
        int indent = PREFIX.length();
        List<String> all = new ArrayList<>();
        String data;
        if (numel == 0) {
            if (shape.length != 1) {
                all.add("size=" + pythonTuple(shape));
            }
            if (dtype != DType.FLOAT32) {
                all.add("dtype=" + dtype.torchName());
            }
            data = "[]";
        } else {
            if (dtype == DType.FLOAT64) {
                all.add("dtype=" + dtype.torchName());
            }
            data = formatData(shape, dtype, reader, indent, options);
        }
        if (suffixes != null) {
            all.addAll(suffixes);
        }
        return addSuffixes(PREFIX + data, all, indent, options.linewidth());
    }

    /**
     * The data part only (what PyTorch's {@code _tensor_str} returns), given the indent of its first character,
     * for nesting such as {@code Parameter} or a {@code tangent=} suffix; uses {@link PrintOptions#current()}.
     *
     * <pre>{@code
     * TensorFormatter.formatData(new int[]{2, 2}, DType.INT64, ElementReader.ofLongs(1, 2, 3, 4), 0)
     *     // "[[1, 2],\n [3, 4]]"
     * }</pre>
     */
    public static String formatData(int[] shape, DType dtype, ElementReader reader, int indent) {
        return formatData(shape, dtype, reader, indent, PrintOptions.current());
    }

    /**
     * Like {@link #formatData(int[], DType, ElementReader, int)} but with explicit options.
     *
     * <pre>{@code
     * TensorFormatter.formatData(new int[]{10}, DType.INT64, ElementReader.ofLongs(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 7,
     *     PrintOptions.builder().threshold(5).edgeitems(2).build())   // "[0, 1,  ..., 8, 9]"
     * }</pre>
     */
    public static String formatData(int[] shape, DType dtype, ElementReader reader, int indent,
                                    PrintOptions options) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(options, "options");
        long numel = numel(shape);
        if (numel == 0) {
            return "[]";
        }
        return new Printer(shape.clone(), dtype, reader, options, numel > options.threshold()).print(indent);
    }

    private static long numel(int[] shape) {
        Objects.requireNonNull(shape, "shape");
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + pythonTuple(shape));
            }
            n = Math.multiplyExact(n, (long) s);
        }
        return n;
    }

    /** Python's {@code str(tuple(shape))}: {@code (0, 3)}, {@code (5,)}, {@code ()}. */
    static String pythonTuple(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    /** PyTorch's {@code _add_suffixes}. */
    private static String addSuffixes(String tensorStr, List<String> suffixes, int indent, int linewidth) {
        StringBuilder sb = new StringBuilder(tensorStr);
        int lastNewline = tensorStr.lastIndexOf('\n');
        // len(s) - s.rfind("\n") + 1, i.e. the characters after the last newline plus 2
        int lastLineLen = tensorStr.codePointCount(lastNewline + 1, tensorStr.length()) + 2;
        for (String suffix : suffixes) {
            int suffixLen = suffix.codePointCount(0, suffix.length());
            if (lastLineLen + suffixLen + 2 > linewidth) {
                sb.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLen = indent + suffixLen;
            } else {
                sb.append(", ").append(suffix);
                lastLineLen += suffixLen + 2;
            }
        }
        return sb.append(')').toString();
    }

    /** One printing pass: PyTorch's {@code _tensor_str} with its {@code _Formatter}. */
    private static final class Printer {
        private final int[] shape;
        private final long[] strides;
        private final DType dtype;
        private final boolean floating;
        private final ElementReader reader;
        private final PrintOptions opts;
        private final boolean summarize;
        private final int edge;
        private final int precision;

        // the _Formatter state
        private boolean intMode = true;
        private boolean sciMode = false;
        private int maxWidth = 1;

        Printer(int[] shape, DType dtype, ElementReader reader, PrintOptions opts, boolean summarize) {
            this.shape = shape;
            this.dtype = dtype;
            this.floating = dtype.isFloatingPoint();
            this.reader = reader;
            this.opts = opts;
            this.summarize = summarize;
            this.edge = opts.edgeitems();
            this.precision = opts.precision();
            this.strides = new long[shape.length];
            long s = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                strides[d] = s;
                s *= shape[d];
            }
        }

        String print(int indent) {
            initFormatter();
            if (shape.length == 0) {
                return formatElement(0);
            }
            StringBuilder sb = new StringBuilder();
            render(sb, 0, 0L, indent);
            return sb.toString();
        }

        // ---- _Formatter.__init__ ----

        private void initFormatter() {
            int[][] index = summarizedIndex();
            if (index == null) {
                return; // the summarised data is empty (edgeitems == 0 on a tensor of 2+ dims)
            }
            if (!floating) {
                int[] width = {1};
                forEachIndex(index, flat -> width[0] = Math.max(width[0], formatInteger(reader.longAt(flat)).length()));
                maxWidth = width[0];
                return;
            }
            List<Double> vals = new ArrayList<>();
            forEachIndex(index, flat -> {
                double v = value(flat);
                if (Double.isFinite(v) && v != 0.0) {
                    vals.add(v);
                }
            });
            if (vals.isEmpty()) {
                return; // no valid number: int mode, not sci, width 1 (even when sci mode is forced)
            }
            double min = Double.POSITIVE_INFINITY;
            double max = 0.0;
            for (double v : vals) {
                double a = Math.abs(v);
                min = Math.min(min, a);
                max = Math.max(max, a);
                if (intMode && v != Math.ceil(v)) {
                    intMode = false;
                }
            }
            Boolean forced = opts.sciMode();
            sciMode = forced != null ? forced : (max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4);
            int w = 1;
            for (double v : vals) {
                int len;
                if (sciMode) {
                    len = PyFormat.sci(v, precision).length();
                } else if (intMode) {
                    len = PyFormat.fixed(v, 0).length() + 1;
                } else {
                    len = PyFormat.fixed(v, precision).length();
                }
                w = Math.max(w, len);
            }
            maxWidth = w;
        }

        /**
         * The indices per dimension that PyTorch's {@code get_summarized_data} keeps, or null when it keeps nothing.
         */
        private int[][] summarizedIndex() {
            int nd = shape.length;
            int[][] index = new int[nd][];
            for (int d = 0; d < nd; d++) {
                int size = shape[d];
                boolean lastDim = d == nd - 1;
                if (!summarize) {
                    index[d] = range(0, size);
                } else if (!lastDim && edge == 0) {
                    return null; // self.new_empty([0] * self.dim())
                } else if (size > 2L * edge && edge > 0) {
                    int[] both = new int[2 * edge];
                    for (int i = 0; i < edge; i++) {
                        both[i] = i;
                        both[edge + i] = size - edge + i;
                    }
                    index[d] = both;
                } else {
                    index[d] = range(0, size); // includes torch.cat((self[:0], self[-0:])) == self
                }
            }
            return index;
        }

        private static int[] range(int from, int to) {
            int[] r = new int[to - from];
            for (int i = 0; i < r.length; i++) {
                r[i] = from + i;
            }
            return r;
        }

        private interface FlatConsumer {
            void accept(long flat);
        }

        private void forEachIndex(int[][] index, FlatConsumer consumer) {
            int nd = index.length;
            if (nd == 0) {
                consumer.accept(0);
                return;
            }
            for (int[] ix : index) {
                if (ix.length == 0) {
                    return;
                }
            }
            int[] pos = new int[nd];
            while (true) {
                long flat = 0;
                for (int d = 0; d < nd; d++) {
                    flat += index[d][pos[d]] * strides[d];
                }
                consumer.accept(flat);
                int d = nd - 1;
                while (d >= 0 && ++pos[d] == index[d].length) {
                    pos[d] = 0;
                    d--;
                }
                if (d < 0) {
                    return;
                }
            }
        }

        // ---- _Formatter.format ----

        private double value(long flat) {
            double v = reader.valueAt(flat);
            return dtype == DType.FLOAT32 ? (double) (float) v : v;
        }

        private String formatInteger(long v) {
            if (dtype == DType.BOOL) {
                return v != 0 ? "True" : "False";
            }
            return Long.toString(v);
        }

        private String formatElement(long flat) {
            String ret;
            if (floating) {
                double v = value(flat);
                if (sciMode) {
                    ret = PyFormat.sci(v, precision);
                } else if (intMode) {
                    ret = PyFormat.fixed(v, 0);
                    if (Double.isFinite(v)) {
                        ret += ".";
                    }
                } else {
                    ret = PyFormat.fixed(v, precision);
                }
            } else {
                ret = formatInteger(reader.longAt(flat));
            }
            return ret.length() >= maxWidth ? ret : " ".repeat(maxWidth - ret.length()) + ret;
        }

        // ---- _tensor_str_with_formatter / _vector_str ----

        private void render(StringBuilder sb, int d, long offset, int indent) {
            int remaining = shape.length - d;
            if (remaining == 1) {
                vector(sb, d, offset, indent);
                return;
            }
            int size = shape[d];
            long stride = strides[d];
            String sep = "," + "\n".repeat(remaining - 1) + " ".repeat(indent + 1);
            sb.append('[');
            if (summarize && size > 2L * edge) {
                for (int i = 0; i < edge; i++) {
                    render(sb, d + 1, offset + i * stride, indent + 1);
                    sb.append(sep);
                }
                sb.append("...");
                for (int i = size - edge; i < size; i++) {
                    sb.append(sep);
                    render(sb, d + 1, offset + i * stride, indent + 1);
                }
            } else {
                for (int i = 0; i < size; i++) {
                    if (i > 0) {
                        sb.append(sep);
                    }
                    render(sb, d + 1, offset + i * stride, indent + 1);
                }
            }
            sb.append(']');
        }

        private void vector(StringBuilder sb, int d, long offset, int indent) {
            int size = shape[d];
            long stride = strides[d];
            int elementLength = maxWidth + 2;
            int perLine = Math.max(1, Math.floorDiv(opts.linewidth() - indent, elementLength));
            List<String> data = new ArrayList<>();
            if (summarize && edge == 0) {
                data.add("...");
            } else if (summarize && size > 2L * edge) {
                for (int i = 0; i < edge; i++) {
                    data.add(formatElement(offset + i * stride));
                }
                data.add(" ...");
                for (int i = size - edge; i < size; i++) {
                    data.add(formatElement(offset + i * stride));
                }
            } else {
                for (int i = 0; i < size; i++) {
                    data.add(formatElement(offset + i * stride));
                }
            }
            String lineSep = ",\n" + " ".repeat(indent + 1);
            sb.append('[');
            for (int i = 0; i < data.size(); i++) {
                if (i > 0) {
                    sb.append(i % perLine == 0 ? lineSep : ", ");
                }
                sb.append(data.get(i));
            }
            sb.append(']');
        }
    }
}
