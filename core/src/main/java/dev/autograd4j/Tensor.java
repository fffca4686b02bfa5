package dev.autograd4j;

import dev.autograd4j.autograd.AccumulateGrad;
import dev.autograd4j.autograd.Autograd;
import dev.autograd4j.autograd.Edge;
import dev.autograd4j.autograd.GradMode;
import dev.autograd4j.autograd.Handle;
import dev.autograd4j.autograd.Node;
import dev.autograd4j.kernel.Kernels.UnaryOp;
import dev.autograd4j.ops.Dispatch;
import dev.autograd4j.ops.Inplace;
import dev.autograd4j.ops.NonDiff;
import dev.autograd4j.ops.Op;
import dev.autograd4j.ops.Op.ScalarKind;
import dev.autograd4j.print.TensorFormatter;
import dev.autograd4j.tensor.Shapes;
import dev.autograd4j.tensor.Storage;
import dev.autograd4j.tensor.VersionCounter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * An n-dimensional array that records the operations applied to it, so that {@link #backward()} can compute
 * gradients: PyTorch's {@code torch.Tensor}.
 *
 * <p>A tensor is a view (shape, strides, offset) over a {@link Storage}; views share the storage and its version
 * counter. Ops return new tensors; methods ending in {@code _} work in place.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(4f).requiresGrad_();
 * Tensor y = x.pow(2);
 * y.backward();
 * System.out.println(x.grad());   // tensor([8.])
 * }</pre>
 */
public class Tensor {
    private static final Random RNG = new Random(0);

    // ---- data ------------------------------------------------------------------------------------------------
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;
    /** Cached: the element count and whether the layout is row-major without gaps (hot on every op). */
    private final int numel;
    private final boolean contiguous;
    private VersionCounter version;

    // ---- autograd metadata -------------------------------------------------------------------------------
    private boolean requiresGrad;
    private Node gradFn;
    private int outputNr;
    private Tensor grad;
    private boolean retainsGrad;
    private AccumulateGrad accumulator;
    /** Cached {@link #gradientEdge()}; reset whenever gradFn changes. */
    private Edge edge;
    /** The tensor owning the storage when this is a view (never itself a view). */
    private Tensor viewBase;
    /** Set when this view was created with grad mode off (SPEC G6). */
    private boolean viewCreatedInNoGrad;
    /** The name of the multi-output view node that produced this view, e.g. "UnbindBackward0" (SPEC G6). */
    private String multiOutputView;
    private boolean inference;

    /**
     * Wraps storage with a geometry; for library internals and subclasses (Parameter) — users call factories.
     */
    protected Tensor(Storage storage, int[] shape, int[] strides, int offset, VersionCounter version) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.numel = Shapes.numel(shape);
        this.contiguous = Shapes.isContiguous(shape, strides);
        this.version = version;
        this.inference = GradMode.isInference();
    }

    /** A fresh contiguous tensor over {@code storage}; internal. */
    public static Tensor wrap(Storage storage, int... shape) {
        return new Tensor(storage, shape, Shapes.contiguousStrides(shape), 0, new VersionCounter());
    }

    /** A view of this tensor's storage with another geometry, sharing the version counter; internal. */
    public Tensor viewOf(int[] newShape, int[] newStrides, int newOffset) {
        return new Tensor(storage, newShape, newStrides, newOffset, version);
    }

    // ================================================================================================
    // Factories
    // ================================================================================================

    /** A 1-D float32 tensor: {@code Tensor.of(1f, 2f)} prints {@code tensor([1., 2.])}. */
    public static Tensor of(float... values) { return wrap(Storage.of(values.clone()), values.length); }

    /** A 1-D float64 tensor: {@code Tensor.of(1.0, 2.0)}. */
    public static Tensor of(double... values) { return wrap(Storage.of(values.clone()), values.length); }

    /** A 1-D int64 tensor: {@code Tensor.of(new long[]{1, 2, 3})}. */
    public static Tensor of(long... values) { return wrap(Storage.of(values.clone()), values.length); }

    /** A 1-D bool tensor: {@code Tensor.of(new boolean[]{true, false})}. */
    public static Tensor of(boolean... values) { return wrap(Storage.of(values.clone()), values.length); }

    /** A float32 tensor of the given shape from row-major data: {@code Tensor.of(new float[]{1,2,3,4}, new int[]{2,2})}. */
    public static Tensor of(float[] data, int[] shape) {
        checkData(data.length, shape);
        return wrap(Storage.of(data.clone()), shape.clone());
    }

    /** A float64 tensor of the given shape from row-major data. */
    public static Tensor of(double[] data, int[] shape) {
        checkData(data.length, shape);
        return wrap(Storage.of(data.clone()), shape.clone());
    }

    /** An int64 tensor of the given shape from row-major data. */
    public static Tensor of(long[] data, int[] shape) {
        checkData(data.length, shape);
        return wrap(Storage.of(data.clone()), shape.clone());
    }

    /** A 2-D float32 tensor from rows: {@code Tensor.of(new float[][]{{1,2},{3,4}})}. */
    public static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) throw new IllegalArgumentException("expected sequence of length " + cols
                    + " at dim 1 (got " + rows[i].length + ")");
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return wrap(Storage.of(data), rows.length, cols);
    }

    /** A 2-D float64 tensor from rows. */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) throw new IllegalArgumentException("expected sequence of length " + cols
                    + " at dim 1 (got " + rows[i].length + ")");
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return wrap(Storage.of(data), rows.length, cols);
    }

    private static void checkData(int length, int[] shape) {
        if (Shapes.numel(shape) != length) {
            throw new IllegalArgumentException("shape " + Shapes.str(shape) + " needs " + Shapes.numel(shape)
                    + " elements but the data has " + length);
        }
        for (int s : shape) if (s < 0) throw new IllegalArgumentException("negative dimension in shape " + Shapes.str(shape));
    }

    /** A 0-dim float32 tensor: {@code Tensor.scalar(3.0)} prints {@code tensor(3.)}. */
    public static Tensor scalar(double value) { return scalar(value, DType.FLOAT32); }

    /** A 0-dim tensor of the given dtype: {@code Tensor.scalar(3.0, DType.FLOAT64)}. */
    public static Tensor scalar(double value, DType dtype) {
        Storage s = Storage.allocate(dtype, 1);
        s.set(0, value);
        return wrap(s);
    }

    /** A tensor of zeros (float32): {@code Tensor.zeros(2, 3)}. */
    public static Tensor zeros(int... shape) { return full(0.0, DType.FLOAT32, shape); }

    /** A tensor of zeros of a dtype: {@code Tensor.zeros(DType.FLOAT64, 2, 3)}. */
    public static Tensor zeros(DType dtype, int... shape) { return full(0.0, dtype, shape); }

    /** A tensor of ones (float32): {@code Tensor.ones(2, 2)}. */
    public static Tensor ones(int... shape) { return full(1.0, DType.FLOAT32, shape); }

    /** A tensor of ones of a dtype: {@code Tensor.ones(DType.FLOAT64, 3)}. */
    public static Tensor ones(DType dtype, int... shape) { return full(1.0, dtype, shape); }

    /** A float32 tensor filled with {@code value}: {@code Tensor.full(7.0, 2, 3)}. */
    public static Tensor full(double value, int... shape) { return full(value, DType.FLOAT32, shape); }

    /** A tensor of a dtype filled with {@code value}: {@code Tensor.full(7.0, DType.INT64, 2)}. */
    public static Tensor full(double value, DType dtype, int... shape) {
        checkData(Shapes.numel(shape), shape);
        Storage s = Storage.allocate(dtype, Shapes.numel(shape));
        if (value != 0) {
            switch (dtype) {
                case FLOAT32 -> Arrays.fill(s.f, (float) value);
                case FLOAT64 -> Arrays.fill(s.d, value);
                case INT64 -> Arrays.fill(s.l, (long) value);
                case BOOL -> Arrays.fill(s.b, true);
            }
        }
        return wrap(s, shape.clone());
    }

    /** The n x n identity matrix (float32): {@code Tensor.eye(3)}. */
    public static Tensor eye(int n) { return eye(n, n); }

    /** The n x m matrix with ones on the diagonal (float32): {@code Tensor.eye(2, 3)}. */
    public static Tensor eye(int n, int m) {
        Tensor t = zeros(n, m);
        for (int i = 0; i < Math.min(n, m); i++) t.storage.f[i * m + i] = 1f;
        return t;
    }

    /** Uniform random values in [0, 1) (float32), seeded by {@link #manualSeed}: {@code Tensor.rand(2, 3)}. */
    public static Tensor rand(int... shape) {
        checkData(Shapes.numel(shape), shape);
        float[] d = new float[Shapes.numel(shape)];
        synchronized (RNG) { for (int i = 0; i < d.length; i++) d[i] = RNG.nextFloat(); }
        return wrap(Storage.of(d), shape.clone());
    }

    /** Standard normal random values (float32), seeded by {@link #manualSeed}: {@code Tensor.randn(5, 3)}. */
    public static Tensor randn(int... shape) {
        checkData(Shapes.numel(shape), shape);
        float[] d = new float[Shapes.numel(shape)];
        synchronized (RNG) { for (int i = 0; i < d.length; i++) d[i] = (float) RNG.nextGaussian(); }
        return wrap(Storage.of(d), shape.clone());
    }

    /** Random integers in [low, high) as int64: {@code Tensor.randint(0, 10, 5)}. */
    public static Tensor randint(long low, long high, int... shape) {
        checkData(Shapes.numel(shape), shape);
        long[] d = new long[Shapes.numel(shape)];
        synchronized (RNG) { for (int i = 0; i < d.length; i++) d[i] = low + (long) (RNG.nextDouble() * (high - low)); }
        return wrap(Storage.of(d), shape.clone());
    }

    /** Seeds the generator behind rand/randn/randint and dropout: {@code Tensor.manualSeed(42)}. */
    public static void manualSeed(long seed) { synchronized (RNG) { RNG.setSeed(seed); } }

    /** The shared random generator (for nn.init and dropout); synchronize on it while drawing. */
    public static Random generator() { return RNG; }

    /** {@code [0, end)} as int64: {@code Tensor.arange(5)} prints {@code tensor([0, 1, 2, 3, 4])}. */
    public static Tensor arange(long end) { return arange(0, end, 1); }

    /** {@code [start, end)} as int64: {@code Tensor.arange(0, 10)}. */
    public static Tensor arange(long start, long end) { return arange(start, end, 1); }

    /** {@code [start, end)} with a step, as int64. */
    public static Tensor arange(long start, long end, long step) {
        if (step == 0) throw new IllegalArgumentException("step must be nonzero");
        int n = (int) Math.max(0, Math.ceilDiv(end - start, step));
        long[] d = new long[n];
        for (int i = 0; i < n; i++) d[i] = start + i * step;
        return wrap(Storage.of(d), n);
    }

    /** {@code [start, end)} with a floating step, as float32: {@code Tensor.arange(0.0, 1.0, 0.25)}. */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0) throw new IllegalArgumentException("step must be nonzero");
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = (float) (start + i * step);
        return wrap(Storage.of(d), n);
    }

    /** {@code steps} evenly spaced float32 values from start to end inclusive: {@code Tensor.linspace(0, 2 * Math.PI, 25)}. */
    public static Tensor linspace(double start, double end, int steps) {
        if (steps < 0) throw new IllegalArgumentException("number of steps must be non-negative");
        float[] d = new float[steps];
        // PyTorch computes in float32 and fills the first half from the start, the second half from the end; its
        // compiled kernel fuses each multiply-add (one rounding), hence fma: plain float arithmetic is off by an ulp.
        float fs = (float) start, fe = (float) end;
        float step = steps > 1 ? (fe - fs) / (steps - 1) : 0f;
        int half = steps / 2;
        for (int i = 0; i < steps; i++) d[i] = i < half ? Math.fma(step, i, fs) : Math.fma(-step, steps - 1 - i, fe);
        if (steps == 1) d[0] = fs;                 // one step is the start, as torch.linspace(0, 1, 1) = [0.]
        return wrap(Storage.of(d), steps);
    }

    /** Zeros with t's shape and dtype (requiresGrad is not inherited): {@code Tensor.zerosLike(x)}. */
    public static Tensor zerosLike(Tensor t) { return full(0.0, t.dtype(), t.shape); }

    /** Ones with t's shape and dtype: {@code Tensor.onesLike(x)}. */
    public static Tensor onesLike(Tensor t) { return full(1.0, t.dtype(), t.shape); }

    /** {@code value} with t's shape and dtype: {@code Tensor.fullLike(x, 7)}. */
    public static Tensor fullLike(Tensor t, double value) { return full(value, t.dtype(), t.shape); }

    /** Uniform random values with t's shape (float32): {@code Tensor.randLike(x)}. */
    public static Tensor randLike(Tensor t) { return rand(t.shape).to(t.dtype()); }

    /** Normal random values with t's shape: {@code Tensor.randnLike(x)}. */
    public static Tensor randnLike(Tensor t) { return randn(t.shape).to(t.dtype()); }

    /** Joins tensors along a new dim: {@code Tensor.stack(List.of(a, b), 0)}. */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("stack expects a non-empty TensorList");
        return Dispatch.apply(new Op.Stack(dim), tensors.toArray(new Tensor[0]));
    }

    /** Concatenates tensors along an existing dim: {@code Tensor.cat(List.of(a, b), 0)}. */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) throw new IllegalArgumentException("torch.cat(): expected a non-empty list of Tensors");
        return Dispatch.apply(new Op.Cat(dim), tensors.toArray(new Tensor[0]));
    }

    /** Picks from a where cond is true, else from b (broadcasting): {@code Tensor.where(x.gt(0), x, y)}. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (cond.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where expected condition to be a boolean tensor, but got a tensor with dtype "
                    + cond.dtype().name().charAt(0) + cond.dtype().name().substring(1).toLowerCase());
        }
        return Dispatch.apply(new Op.Where(cond), a, b);
    }

    /** {@code where} with a scalar for the false branch: {@code Tensor.where(x.gt(0), x, 0)}. */
    public static Tensor where(Tensor cond, Tensor a, double b) { return where(cond, a, scalar(b, a.dtype())); }

    // ================================================================================================
    // Shape and values
    // ================================================================================================

    /** The sizes of each dim (a copy): {@code Tensor.zeros(2, 3).shape()} is {@code {2, 3}}. */
    public int[] shape() { return shape.clone(); }

    /** The size of one dim (negative dims count from the end): {@code x.size(-1)}. */
    public int size(int dim) { return shape[Shapes.wrapDim(dim, shape.length)]; }

    /** The strides of each dim in elements (a copy): {@code x.t().stride()}. */
    public int[] stride() { return strides.clone(); }

    /** The position of element 0 in the storage. */
    public int storageOffset() { return offset; }

    /** The number of dims: {@code Tensor.zeros(2, 3).dim() == 2}. */
    public int dim() { return shape.length; }

    /** The number of elements: {@code Tensor.zeros(2, 3).numel() == 6}. */
    public int numel() { return numel; }

    /** The element type: {@code Tensor.of(1f).dtype() == DType.FLOAT32}. */
    public DType dtype() { return storage.dtype; }

    /** The storage this tensor views (shared by its views). */
    public Storage storage() { return storage; }

    /** Whether the elements are laid out row-major without gaps: {@code x.t().isContiguous() == false}. */
    public boolean isContiguous() { return contiguous; }

    /** The shape array itself, not a copy; internal (hot paths), callers must not modify it. */
    public int[] shapeView() { return shape; }

    /** The value of a one-element tensor: {@code Tensor.of(3f).sum().item() == 3.0}. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("a Tensor with " + numel() + " elements cannot be converted to Scalar");
        }
        return storage.get(offset);
    }

    /** Element at a row-major position, regardless of strides (internal, but handy in tests). */
    public double getFlat(int i) { return storage.get(storageIndex(i)); }

    /** Element at a row-major position as a long. */
    public long getFlatLong(int i) { return storage.getLong(storageIndex(i)); }

    /** The storage index of the element at row-major position {@code i}. */
    public int storageIndex(int i) {
        int idx = offset;
        for (int d = shape.length - 1; d >= 0; d--) {
            int s = shape[d];
            idx += (i % s) * strides[d];
            i /= s;
        }
        return idx;
    }

    /** The element at an index: {@code x.get(1, 0)}. */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("expected " + shape.length + " indices but got " + index.length);
        }
        int idx = offset;
        for (int d = 0; d < index.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is out of bounds for dimension " + d
                        + " with size " + shape[d]);
            }
            idx += i * strides[d];
        }
        return storage.get(idx);
    }

    /** The elements in row-major order as floats: {@code x.toFloatArray()}. */
    public float[] toFloatArray() {
        float[] r = new float[numel()];
        for (int i = 0; i < r.length; i++) r[i] = (float) getFlat(i);
        return r;
    }

    /** The elements in row-major order as doubles. */
    public double[] toDoubleArray() {
        double[] r = new double[numel()];
        for (int i = 0; i < r.length; i++) r[i] = getFlat(i);
        return r;
    }

    /** The elements in row-major order as longs (floats truncated). */
    public long[] toLongArray() {
        long[] r = new long[numel()];
        for (int i = 0; i < r.length; i++) r[i] = getFlatLong(i);
        return r;
    }

    /** The elements in row-major order as booleans (nonzero is true). */
    public boolean[] toBooleanArray() {
        boolean[] r = new boolean[numel()];
        for (int i = 0; i < r.length; i++) r[i] = getFlat(i) != 0;
        return r;
    }

    /** Whether two tensors have the same shape and elements (PyTorch's {@code torch.equal}). */
    public boolean equal(Tensor other) {
        if (!Arrays.equals(shape, other.shape)) return false;
        for (int i = 0; i < numel(); i++) if (getFlat(i) != other.getFlat(i)) return false;
        return true;
    }

    // ================================================================================================
    // Elementwise ops
    // ================================================================================================

    /** {@code this + other} with broadcasting: {@code a.add(b)}. */
    public Tensor add(Tensor other) { return Dispatch.apply(new Op.Add(1.0), this, other); }
    /** {@code this + alpha * other}: {@code a.add(b, 2.0)}. */
    public Tensor add(Tensor other, double alpha) { return Dispatch.apply(new Op.Add(alpha), this, other); }
    /** {@code this + s}: {@code x.add(2)}. */
    public Tensor add(double s) { return Dispatch.apply(new Op.Scalar(ScalarKind.ADD, s), this); }
    /** {@code this - other}: {@code a.sub(b)}. */
    public Tensor sub(Tensor other) { return Dispatch.apply(new Op.Sub(1.0), this, other); }
    /** {@code this - alpha * other}. */
    public Tensor sub(Tensor other, double alpha) { return Dispatch.apply(new Op.Sub(alpha), this, other); }
    /** {@code this - s}. */
    public Tensor sub(double s) { return Dispatch.apply(new Op.Scalar(ScalarKind.SUB, s), this); }
    /** {@code s - this} (PyTorch's {@code 1 - x}, RsubBackward1): {@code x.rsub(1)}. */
    public Tensor rsub(double s) { return Dispatch.apply(new Op.Scalar(ScalarKind.RSUB, s), this); }
    /** {@code this * other}: {@code a.mul(b)}. */
    public Tensor mul(Tensor other) { return Dispatch.apply(new Op.Mul(), this, other); }
    /** {@code this * s}: {@code x.mul(2)}. */
    public Tensor mul(double s) { return Dispatch.apply(new Op.Scalar(ScalarKind.MUL, s), this); }
    /** {@code this / other}: {@code a.div(b)}. */
    public Tensor div(Tensor other) { return Dispatch.apply(new Op.Div(), this, other); }
    /** {@code this / s}. */
    public Tensor div(double s) { return Dispatch.apply(new Op.Scalar(ScalarKind.DIV, s), this); }
    /** {@code s / this} (PyTorch's {@code 1 / x}, which records reciprocal then MulBackward0): {@code x.rdiv(1)}. */
    public Tensor rdiv(double s) { return reciprocal().mul(s); }
    /** {@code this ** exponent}: {@code x.pow(2)}. */
    public Tensor pow(double exponent) { return Dispatch.apply(new Op.Scalar(ScalarKind.POW, exponent), this); }
    /** {@code this ** exponent} elementwise: {@code x.pow(y)}. */
    public Tensor pow(Tensor exponent) { return Dispatch.apply(new Op.Pow(), this, exponent); }
    /** {@code base ** this} (PowBackward2): {@code x.rpow(2)}. */
    public Tensor rpow(double base) { return Dispatch.apply(new Op.Scalar(ScalarKind.RPOW, base), this); }
    /** Elementwise maximum: {@code a.maximum(b)}. */
    public Tensor maximum(Tensor other) { return Dispatch.apply(new Op.Maximum(), this, other); }
    /** Elementwise minimum: {@code a.minimum(b)}. */
    public Tensor minimum(Tensor other) { return Dispatch.apply(new Op.Minimum(), this, other); }
    /** {@code atan2(this, other)}: {@code y.atan2(x)}. */
    public Tensor atan2(Tensor other) { return Dispatch.apply(new Op.Atan2(), this, other); }

    private Tensor unary(UnaryOp fn) { return Dispatch.apply(new Op.Unary(fn), this); }

    /** {@code -this}. */ public Tensor neg() { return unary(UnaryOp.NEG); }
    /** e to the power of each element. */ public Tensor exp() { return unary(UnaryOp.EXP); }
    /** Natural logarithm. */ public Tensor log() { return unary(UnaryOp.LOG); }
    /** Sine. */ public Tensor sin() { return unary(UnaryOp.SIN); }
    /** Cosine. */ public Tensor cos() { return unary(UnaryOp.COS); }
    /** Tangent. */ public Tensor tan() { return unary(UnaryOp.TAN); }
    /** Hyperbolic tangent. */ public Tensor tanh() { return unary(UnaryOp.TANH); }
    /** Logistic sigmoid {@code 1 / (1 + exp(-x))}. */ public Tensor sigmoid() { return unary(UnaryOp.SIGMOID); }
    /** {@code max(x, 0)}. */ public Tensor relu() { return unary(UnaryOp.RELU); }
    /** Square root. */ public Tensor sqrt() { return unary(UnaryOp.SQRT); }
    /** Absolute value. */ public Tensor abs() { return unary(UnaryOp.ABS); }
    /** -1, 0 or 1 (gradient 0). */ public Tensor sign() { return unary(UnaryOp.SIGN); }
    /** Round down (gradient 0). */ public Tensor floor() { return unary(UnaryOp.FLOOR); }
    /** Round up (gradient 0). */ public Tensor ceil() { return unary(UnaryOp.CEIL); }
    /** Round half to even (gradient 0). */ public Tensor round() { return unary(UnaryOp.ROUND); }
    /** Round toward zero (gradient 0): {@code x.trunc()}. */ public Tensor trunc() { return unary(UnaryOp.TRUNC); }
    /** {@code 1 / x}. */ public Tensor reciprocal() { return unary(UnaryOp.RECIPROCAL); }
    /** {@code x * x} (recorded as PowBackward0, as torch.square). */ public Tensor square() { return pow(2); }
    /** {@code 1 / sqrt(x)}. */ public Tensor rsqrt() { return unary(UnaryOp.RSQRT); }
    /** {@code log(1 + x)}. */ public Tensor log1p() { return unary(UnaryOp.LOG1P); }
    /** {@code exp(x) - 1}. */ public Tensor expm1() { return unary(UnaryOp.EXPM1); }
    /** Base-2 logarithm. */ public Tensor log2() { return unary(UnaryOp.LOG2); }
    /** Arcsine. */ public Tensor asin() { return unary(UnaryOp.ASIN); }
    /** Arccosine. */ public Tensor acos() { return unary(UnaryOp.ACOS); }
    /** Arctangent. */ public Tensor atan() { return unary(UnaryOp.ATAN); }
    /** Hyperbolic sine. */ public Tensor sinh() { return unary(UnaryOp.SINH); }
    /** Hyperbolic cosine. */ public Tensor cosh() { return unary(UnaryOp.COSH); }
    /** The error function. */ public Tensor erf() { return unary(UnaryOp.ERF); }

    /** Clamps into [min, max]: {@code x.clamp(0, 1)}. */
    public Tensor clamp(double min, double max) { return Dispatch.apply(new Op.Clamp(min, max), this); }
    /** Clamps from below: {@code x.clampMin(0)}. */
    public Tensor clampMin(double min) { return Dispatch.apply(new Op.Clamp(min, null), this); }
    /** Clamps from above: {@code x.clampMax(1)}. */
    public Tensor clampMax(double max) { return Dispatch.apply(new Op.Clamp(null, max), this); }
    /** Clamps between tensors (either may be null): {@code x.clamp(lo, hi)}. */
    public Tensor clamp(Tensor min, Tensor max) {
        Tensor r = this;
        if (min != null) r = r.maximum(min);
        if (max != null) r = r.minimum(max);
        return r;
    }
    /** {@code x if x > 0 else slope * x}: {@code x.leakyRelu(0.01)}. */
    public Tensor leakyRelu(double negativeSlope) { return Dispatch.apply(new Op.LeakyRelu(negativeSlope), this); }
    /** {@code x if x > 0 else alpha * (exp(x) - 1)}. */
    public Tensor elu(double alpha) { return Dispatch.apply(new Op.Elu(alpha), this); }
    /** GELU with the exact erf form. */
    public Tensor gelu() { return Dispatch.apply(new Op.Gelu(false), this); }
    /** GELU, {@code "tanh"} for the tanh approximation or {@code "none"} for exact: {@code x.gelu("tanh")}. */
    public Tensor gelu(String approximate) { return Dispatch.apply(new Op.Gelu("tanh".equals(approximate)), this); }
    /** {@code x * sigmoid(x)}. */
    public Tensor silu() { return mul(sigmoid()); }
    /** {@code log(1 + exp(x))} (beta 1, threshold 20). */
    public Tensor softplus() { return Dispatch.apply(new Op.Softplus(1, 20), this); }
    /** {@code log(1 + exp(beta x)) / beta}, linear above threshold. */
    public Tensor softplus(double beta, double threshold) { return Dispatch.apply(new Op.Softplus(beta, threshold), this); }
    /** Clamps to [-1, 1] with zero gradient at the boundaries. */
    public Tensor hardtanh() { return Dispatch.apply(new Op.Hardtanh(-1, 1), this); }
    /** Clamps to [min, max] with zero gradient at the boundaries. */
    public Tensor hardtanh(double min, double max) { return Dispatch.apply(new Op.Hardtanh(min, max), this); }
    /** {@code min(max(x, 0), 6)}. */
    public Tensor relu6() { return hardtanh(0, 6); }
    /** {@code x * log(y)}, 0 where x is 0: {@code x.xlogy(y)}. */
    public Tensor xlogy(Tensor y) { return Dispatch.apply(new Op.Xlogy(), this, y); }

    // ---- comparisons (bool results, never differentiable) ----
    /** {@code this > other} elementwise (bool): {@code x.gt(y)}. */ public Tensor gt(Tensor o) { return NonDiff.compare(NonDiff.Cmp.GT, this, o); }
    /** {@code this > s}. */ public Tensor gt(double s) { return NonDiff.compare(NonDiff.Cmp.GT, this, s); }
    /** {@code this < other}. */ public Tensor lt(Tensor o) { return NonDiff.compare(NonDiff.Cmp.LT, this, o); }
    /** {@code this < s}. */ public Tensor lt(double s) { return NonDiff.compare(NonDiff.Cmp.LT, this, s); }
    /** {@code this >= other}. */ public Tensor ge(Tensor o) { return NonDiff.compare(NonDiff.Cmp.GE, this, o); }
    /** {@code this >= s}. */ public Tensor ge(double s) { return NonDiff.compare(NonDiff.Cmp.GE, this, s); }
    /** {@code this <= other}. */ public Tensor le(Tensor o) { return NonDiff.compare(NonDiff.Cmp.LE, this, o); }
    /** {@code this <= s}. */ public Tensor le(double s) { return NonDiff.compare(NonDiff.Cmp.LE, this, s); }
    /** {@code this == other}. */ public Tensor eq(Tensor o) { return NonDiff.compare(NonDiff.Cmp.EQ, this, o); }
    /** {@code this == s}. */ public Tensor eq(double s) { return NonDiff.compare(NonDiff.Cmp.EQ, this, s); }
    /** {@code this != other}. */ public Tensor ne(Tensor o) { return NonDiff.compare(NonDiff.Cmp.NE, this, o); }
    /** {@code this != s}. */ public Tensor ne(double s) { return NonDiff.compare(NonDiff.Cmp.NE, this, s); }
    /** Elementwise NaN test (bool). */ public Tensor isnan() { return NonDiff.compare(NonDiff.Cmp.NE, this, this); }
    /** Logical and of two bool tensors. */ public Tensor logicalAnd(Tensor o) { return NonDiff.logical(NonDiff.Logic.AND, this, o); }
    /** Logical or of two bool tensors. */ public Tensor logicalOr(Tensor o) { return NonDiff.logical(NonDiff.Logic.OR, this, o); }
    /** Logical not of a tensor (nonzero is true). */ public Tensor logicalNot() { return NonDiff.logical(NonDiff.Logic.NOT, this, this); }
    /** Whether any element is nonzero. */ public boolean any() { for (int i = 0; i < numel(); i++) if (getFlat(i) != 0) return true; return false; }
    /** Whether every element is nonzero. */ public boolean all() { for (int i = 0; i < numel(); i++) if (getFlat(i) == 0) return false; return true; }

    // ================================================================================================
    // Reductions
    // ================================================================================================

    /** Sum of all elements (SumBackward0): {@code x.sum()}. */
    public Tensor sum() { return Dispatch.apply(new Op.Sum(null, false), this); }
    /** Sum over one dim (SumBackward1): {@code x.sum(0)}. */
    public Tensor sum(int dim) { return sum(new int[]{dim}, false); }
    /** Sum over one dim, keeping it as size 1 when keepdim. */
    public Tensor sum(int dim, boolean keepdim) { return sum(new int[]{dim}, keepdim); }
    /** Sum over several dims: {@code x.sum(new int[]{0, 1}, true)}. */
    public Tensor sum(int[] dims, boolean keepdim) { return Dispatch.apply(new Op.Sum(dims.clone(), keepdim), this); }
    /** Mean of all elements: {@code x.mean()}. */
    public Tensor mean() { return Dispatch.apply(new Op.Mean(null, false), this); }
    /** Mean over one dim. */
    public Tensor mean(int dim) { return mean(new int[]{dim}, false); }
    /** Mean over one dim with keepdim. */
    public Tensor mean(int dim, boolean keepdim) { return mean(new int[]{dim}, keepdim); }
    /** Mean over several dims. */
    public Tensor mean(int[] dims, boolean keepdim) { return Dispatch.apply(new Op.Mean(dims.clone(), keepdim), this); }
    /** Product of all elements: {@code x.prod()}. */
    public Tensor prod() { return Dispatch.apply(new Op.Prod(null, false), this); }
    /** Product over one dim. */
    public Tensor prod(int dim, boolean keepdim) { return Dispatch.apply(new Op.Prod(dim, keepdim), this); }
    /** The largest element (ties share the gradient): {@code x.max()}. */
    public Tensor max() { return Dispatch.apply(new Op.ExtremumAll(true), this); }
    /** The smallest element. */
    public Tensor min() { return Dispatch.apply(new Op.ExtremumAll(false), this); }
    /** Largest values and their indices along a dim: {@code x.max(1).values()}. */
    public ValuesIndices max(int dim) { return max(dim, false); }
    /** Largest values and their indices along a dim, keeping it when keepdim. */
    public ValuesIndices max(int dim, boolean keepdim) { return Dispatch.extremumDim(this, dim, keepdim, true); }
    /** Smallest values and their indices along a dim. */
    public ValuesIndices min(int dim) { return min(dim, false); }
    /** Smallest values and their indices along a dim, keeping it when keepdim. */
    public ValuesIndices min(int dim, boolean keepdim) { return Dispatch.extremumDim(this, dim, keepdim, false); }
    /** Max over dims (ties share the gradient evenly): {@code x.amax(new int[]{1}, false)}. */
    public Tensor amax(int[] dims, boolean keepdim) { return Dispatch.apply(new Op.Amax(dims.clone(), keepdim, true), this); }
    /** Max over one dim. */
    public Tensor amax(int dim) { return amax(new int[]{dim}, false); }
    /** Min over dims. */
    public Tensor amin(int[] dims, boolean keepdim) { return Dispatch.apply(new Op.Amax(dims.clone(), keepdim, false), this); }
    /** Min over one dim. */
    public Tensor amin(int dim) { return amin(new int[]{dim}, false); }
    /** Index of the largest element of the flattened tensor (int64, no grad): {@code x.argmax()}. */
    public Tensor argmax() { return NonDiff.argExtremum(this, null, false, true); }
    /** Indices of the largest elements along a dim. */
    public Tensor argmax(int dim, boolean keepdim) { return NonDiff.argExtremum(this, dim, keepdim, true); }
    /** Index of the smallest element of the flattened tensor. */
    public Tensor argmin() { return NonDiff.argExtremum(this, null, false, false); }
    /** Indices of the smallest elements along a dim. */
    public Tensor argmin(int dim, boolean keepdim) { return NonDiff.argExtremum(this, dim, keepdim, false); }
    /** {@code log(sum(exp(x)))} over dims, computed stably: {@code x.logsumexp(new int[]{1}, false)}. */
    public Tensor logsumexp(int[] dims, boolean keepdim) { return Dispatch.apply(new Op.Logsumexp(dims.clone(), keepdim), this); }
    /** logsumexp over one dim. */
    public Tensor logsumexp(int dim) { return logsumexp(new int[]{dim}, false); }
    /** The 2-norm of all elements: {@code x.norm()}. */
    public Tensor norm() { return norm(2); }
    /** The p-norm of all elements: {@code x.norm(1)}. */
    public Tensor norm(double p) { return Dispatch.apply(new Op.Norm(p, null, false), this); }
    /** The p-norm over dims. */
    public Tensor norm(double p, int[] dims, boolean keepdim) { return Dispatch.apply(new Op.Norm(p, dims.clone(), keepdim), this); }
    /** Unbiased variance of all elements: {@code x.var()}. */
    public Tensor var() { return Dispatch.apply(new Op.Var(null, 1, false, false), this); }
    /** Variance over dims, unbiased (N-1) or not (N). */
    public Tensor var(int[] dims, boolean unbiased, boolean keepdim) { return Dispatch.apply(new Op.Var(dims.clone(), unbiased ? 1 : 0, keepdim, false), this); }
    /** Unbiased standard deviation of all elements. */
    public Tensor std() { return Dispatch.apply(new Op.Var(null, 1, false, true), this); }
    /** Standard deviation over dims. */
    public Tensor std(int[] dims, boolean unbiased, boolean keepdim) { return Dispatch.apply(new Op.Var(dims.clone(), unbiased ? 1 : 0, keepdim, true), this); }
    /** softmax along a dim: {@code x.softmax(-1)}. */
    public Tensor softmax(int dim) { return Dispatch.apply(new Op.Softmax(dim), this); }
    /** log_softmax along a dim, computed stably. */
    public Tensor logSoftmax(int dim) { return Dispatch.apply(new Op.LogSoftmax(dim), this); }
    /** Cumulative sum along a dim: {@code x.cumsum(0)}. */
    public Tensor cumsum(int dim) { return Dispatch.apply(new Op.Cumsum(dim), this); }

    // ================================================================================================
    // Linear algebra
    // ================================================================================================

    /** Matrix product with PyTorch's rules for 1-D, 2-D and batched operands: {@code a.matmul(b)}. */
    public Tensor matmul(Tensor other) { return dev.autograd4j.ops.Matmul.matmul(this, other); }
    /** 2-D matrix product: {@code a.mm(b)}. */
    public Tensor mm(Tensor other) { return Dispatch.apply(new Op.Mm(), this, other); }
    /** Matrix times vector: {@code m.mv(v)}. */
    public Tensor mv(Tensor vec) { return Dispatch.apply(new Op.Mv(), this, vec); }
    /** Dot product of two 1-D tensors: {@code a.dot(b)}. */
    public Tensor dot(Tensor other) { return Dispatch.apply(new Op.Dot(), this, other); }
    /** Batched matrix product of 3-D tensors: {@code a.bmm(b)}. */
    public Tensor bmm(Tensor other) { return Dispatch.apply(new Op.Bmm(), this, other); }
    /** {@code bias + this @ w}, fused (AddmmBackward0): {@code bias.addmm(x, w)}. */
    public Tensor addmm(Tensor m1, Tensor m2) { return Dispatch.apply(new Op.Addmm(), this, m1, m2); }
    /** Outer product of two vectors. */
    public Tensor outer(Tensor other) { return unsqueeze(1).mul(other.unsqueeze(0)); }
    /** Sum of the diagonal of a 2-D tensor. */
    public Tensor trace() {
        if (dim() != 2) throw new IllegalArgumentException("trace: expected a matrix, but got tensor with dim " + dim());
        return mul(eye(shape[0], shape[1]).to(dtype())).sum();
    }

    // ================================================================================================
    // Views and shape
    // ================================================================================================

    /** A view with another shape (-1 inferred); fails when strides make that impossible: {@code x.view(3, 2)}. */
    public Tensor view(int... newShape) { return Dispatch.apply(new Op.View(newShape.clone()), this); }
    /** Like view when possible, otherwise a copy: {@code x.reshape(-1)}. */
    public Tensor reshape(int... newShape) {
        int[] target = Shapes.inferSize(newShape, numel());
        if (Shapes.viewStrides(shape, strides, target) != null) return view(target);
        return Dispatch.apply(new Op.UnsafeView(target), this);
    }
    /** Transpose of a tensor with at most 2 dims (TBackward0): {@code m.t()}. */
    public Tensor t() {
        if (dim() > 2) throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + dim() + "D");
        return Dispatch.apply(new Op.Transpose(0, dim() == 2 ? 1 : 0, true), this);
    }
    /** Swaps two dims: {@code x.transpose(0, 1)}. */
    public Tensor transpose(int d0, int d1) { return Dispatch.apply(new Op.Transpose(d0, d1, false), this); }
    /** Reorders the dims: {@code x.permute(2, 0, 1)}. */
    public Tensor permute(int... dims) { return Dispatch.apply(new Op.Permute(dims.clone()), this); }
    /** Broadcasts size-1 dims without copying (-1 keeps a size): {@code x.expand(3, 4)}. */
    public Tensor expand(int... sizes) { return Dispatch.apply(new Op.Expand(sizes.clone()), this); }
    /** Expands to another tensor's shape. */
    public Tensor expandAs(Tensor other) { return expand(other.shape); }
    /** The slice at {@code index} along {@code dim}, dropping the dim (x[0]): {@code x.select(0, 0)}. */
    public Tensor select(int dim, int index) { return Dispatch.apply(new Op.Select(dim, index), this); }
    /** Elements start..end (exclusive) along dim (x[1:3]): {@code x.slice(0, 1, 3)}. */
    public Tensor slice(int dim, int start, int end) { return slice(dim, start, end, 1); }
    /** Elements start..end by step along dim (x[0:4:2]). */
    public Tensor slice(int dim, int start, int end, int step) { return Dispatch.apply(new Op.Slice(dim, start, end, step), this); }
    /** {@code length} elements from start along dim. */
    public Tensor narrow(int dim, int start, int length) {
        int d = Shapes.wrapDim(dim, dim());
        int s = start < 0 ? start + shape[d] : start;
        if (s < 0 || length < 0 || s + length > shape[d]) {
            throw new IndexOutOfBoundsException("start (" + start + ") + length (" + length + ") exceeds dimension size ("
                    + shape[d] + ").");
        }
        return slice(d, s, s + length, 1);
    }
    /** Drops every size-1 dim. */
    public Tensor squeeze() { return Dispatch.apply(new Op.Squeeze(null), this); }
    /** Drops dim if its size is 1. */
    public Tensor squeeze(int dim) { return Dispatch.apply(new Op.Squeeze(dim), this); }
    /** Inserts a size-1 dim: {@code x.unsqueeze(0)}. */
    public Tensor unsqueeze(int dim) { return Dispatch.apply(new Op.Unsqueeze(dim), this); }
    /** Flattens to 1-D. */
    public Tensor flatten() { return dim() == 1 ? this : reshape(-1); }
    /** Flattens dims startDim..endDim into one. */
    public Tensor flatten(int startDim, int endDim) {
        if (dim() == 0) return reshape(1);
        int s = Shapes.wrapDim(startDim, dim()), e = Shapes.wrapDim(endDim, dim());
        if (s > e) throw new IllegalArgumentException("flatten() has invalid args: start_dim cannot come after end_dim");
        if (s == e) return this;
        int[] ns = new int[dim() - (e - s)];
        int k = 0, prod = 1;
        for (int i = 0; i < dim(); i++) {
            if (i < s || i > e) ns[k++] = shape[i];
            else { prod *= shape[i]; if (i == e) ns[k++] = prod; }
        }
        return reshape(ns);
    }
    /** This tensor when already contiguous, otherwise a contiguous copy (CloneBackward0). */
    public Tensor contiguous() { return isContiguous() ? this : clone(); }
    /** A copy with its own storage, recorded in the graph (CloneBackward0). */
    public Tensor clone() { return Dispatch.apply(new Op.Clone(), this); }
    /** A view with explicit geometry over the same storage (AsStridedBackward0). */
    public Tensor asStrided(int[] size, int[] stride, int storageOffset) {
        return Dispatch.apply(new Op.AsStrided(size.clone(), stride.clone(), storageOffset), this);
    }
    /** This tensor in another dtype (itself when already that dtype): {@code x.to(DType.FLOAT64)}. */
    public Tensor to(DType dtype) { return dtype == dtype() ? this : Dispatch.apply(new Op.ToCopy(dtype), this); }

    /** Splits into {@code chunks} pieces along dim (views): {@code x.chunk(2, 0)}. */
    public List<Tensor> chunk(int chunks, int dim) {
        int d = Shapes.wrapDim(dim, dim());
        int size = Math.ceilDiv(shape[d], chunks);
        return split(size == 0 ? 1 : size, d);
    }
    /** Splits into pieces of {@code size} along dim (the last may be smaller). */
    public List<Tensor> split(int size, int dim) {
        int d = Shapes.wrapDim(dim, dim());
        List<Tensor> out = new ArrayList<>();
        for (int s = 0; s < shape[d]; s += size) out.add(slice(d, s, Math.min(s + size, shape[d])));
        return out;
    }
    /** The slices along dim as a list: {@code x.unbind(0)}. */
    public List<Tensor> unbind(int dim) {
        int d = Shapes.wrapDim(dim, dim());
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < shape[d]; i++) {
            Tensor v = select(d, i);
            v.multiOutputView = "UnbindBackward0";
            out.add(v);
        }
        return out;
    }

    /** Reverses the order along each given dim (a copy): {@code x.flip(0)}. */
    public Tensor flip(int... dims) {
        Tensor r = this;
        for (int dim : dims) {
            int d = Shapes.wrapDim(dim, dim());
            long[] idx = new long[shape[d]];
            for (int i = 0; i < idx.length; i++) idx[i] = idx.length - 1 - i;
            r = r.indexSelect(d, of(idx));
        }
        return r;
    }
    /** Rotates the elements along dim by shift positions: {@code x.roll(1, 0)}. */
    public Tensor roll(int shift, int dim) {
        int d = Shapes.wrapDim(dim, dim());
        int n = shape[d];
        if (n == 0) return clone();
        int s = Math.floorMod(shift, n);
        if (s == 0) return clone();
        return cat(List.of(narrow(d, n - s, s), narrow(d, 0, n - s)), d);
    }
    /** Repeats the tensor along each dim (tiling): {@code x.repeat(2, 1)}. */
    public Tensor repeat(int... repeats) {
        if (repeats.length < dim()) {
            throw new IllegalArgumentException("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor");
        }
        int lead = repeats.length - dim();
        int[] padded = new int[repeats.length];
        for (int i = 0; i < repeats.length; i++) padded[i] = i < lead ? 1 : shape[i - lead];
        int[] inter = new int[2 * repeats.length], expanded = new int[2 * repeats.length], out = new int[repeats.length];
        for (int i = 0; i < repeats.length; i++) {
            inter[2 * i] = 1;
            inter[2 * i + 1] = padded[i];
            expanded[2 * i] = repeats[i];
            expanded[2 * i + 1] = padded[i];
            out[i] = repeats[i] * padded[i];
        }
        return reshape(inter).expand(expanded).reshape(out);
    }
    /** Tiles like repeat, padding missing leading dims with 1: {@code x.tile(2)}. */
    public Tensor tile(int... reps) {
        if (reps.length >= dim()) return repeat(reps);
        int[] r = new int[dim()];
        Arrays.fill(r, 1);
        System.arraycopy(reps, 0, r, dim() - reps.length, reps.length);
        return repeat(r);
    }
    /** The lower triangle (elements with col - row <= diagonal), zeros above: {@code m.tril(0)}. */
    public Tensor tril(int diagonal) { return triangle(diagonal, true); }
    /** The upper triangle (col - row >= diagonal), zeros below: {@code m.triu(0)}. */
    public Tensor triu(int diagonal) { return triangle(diagonal, false); }
    private Tensor triangle(int k, boolean lower) {
        if (dim() < 2) throw new IllegalArgumentException((lower ? "tril" : "triu") + ": input tensor must have at least 2 dimensions");
        int r = shape[dim() - 2], c = shape[dim() - 1];
        boolean[] drop = new boolean[r * c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) drop[i * c + j] = lower ? j - i > k : j - i < k;
        Tensor mask = wrap(Storage.of(drop), r, c);
        return maskedFill(mask, 0);
    }
    /** The main diagonal of a 2-D tensor as 1-D: {@code m.diagonal()}. */
    public Tensor diagonal() {
        if (dim() != 2) throw new IllegalArgumentException("diagonal: expected a 2-D tensor but got " + dim() + "-D");
        int n = Math.min(shape[0], shape[1]), m = shape[1];
        if (n == 0) return reshape(-1).slice(0, 0, 0);
        return contiguous().reshape(-1).slice(0, 0, (n - 1) * (m + 1) + 1, m + 1);
    }
    /** Values sorted along dim and their original indices: {@code x.sort(0, false).values()}. */
    public ValuesIndices sort(int dim, boolean descending) {
        Tensor idx = NonDiff.sortIndices(this, dim, descending, dim() == 0 ? 1 : size(dim));
        int d = dim() == 0 ? 0 : Shapes.wrapDim(dim, dim());
        return new ValuesIndices(Dispatch.apply(new Op.ValuesAt("SortBackward0", d, true), this, idx), idx);
    }
    /** The k largest (or smallest) values along dim and their indices: {@code x.topk(2, -1, true)}. */
    public ValuesIndices topk(int k, int dim, boolean largest) {
        int d = dim() == 0 ? 0 : Shapes.wrapDim(dim, dim());
        int size = dim() == 0 ? 1 : shape[d];
        if (k < 0 || k > size) throw new IllegalArgumentException("selected index k out of range");
        Tensor idx = NonDiff.sortIndices(this, d, largest, k);
        return new ValuesIndices(Dispatch.apply(new Op.ValuesAt("TopkBackward0", d, true), this, idx), idx);
    }
    /** Cumulative product along a dim: {@code x.cumprod(0)}. */
    public Tensor cumprod(int dim) { return Dispatch.apply(new Op.Cumprod(dim), this); }

    // ---- indexing ----
    /** Picks values along dim by an int64 index tensor: {@code x.gather(1, idx)}. */
    public Tensor gather(int dim, Tensor index) { return Dispatch.apply(new Op.Gather(dim, index), this); }
    /** Picks whole slices along dim: {@code x.indexSelect(0, idx)}. */
    public Tensor indexSelect(int dim, Tensor index) { return Dispatch.apply(new Op.IndexSelect(dim, index), this); }
    /** Advanced indexing {@code x[indices]} along dim 0 (int64), or {@code x[mask]} with a bool mask of x's shape. */
    public Tensor index(Tensor indices) {
        if (indices.dtype() == DType.BOOL) {
            if (!Arrays.equals(indices.shape, shape)) {
                if (indices.dim() == 1 && dim() >= 1 && indices.shape[0] == shape[0]) {
                    return Dispatch.apply(new Op.Index(NonDiff.nonzero1d(indices)), this);
                }
                throw new IllegalArgumentException("The shape of the mask " + Shapes.str(indices.shape)
                        + " does not match the shape of the indexed tensor " + Shapes.str(shape));
            }
            return flatten().index(NonDiff.nonzero1d(indices.flatten()));
        }
        return Dispatch.apply(new Op.Index(indices), this);
    }
    /** The indices of the nonzero elements, one row per element (int64, never requires grad): {@code x.nonzero()}. */
    public Tensor nonzero() { return NonDiff.nonzero(this); }
    /** Values where mask is true, as 1-D: {@code x.maskedSelect(x.gt(0))}. */
    public Tensor maskedSelect(Tensor mask) { return index(mask.expand(shape).contiguous()); }
    /** Replaces elements where mask is true by value: {@code x.maskedFill(x.lt(0), 0)}. */
    public Tensor maskedFill(Tensor mask, double value) { return Dispatch.apply(new Op.MaskedFill(mask, value), this); }

    // ================================================================================================
    // In-place ops (bump the version counter; PyTorch's leaf and view checks apply)
    // ================================================================================================

    /** {@code this += other} in place: {@code w.add_(g)}. */
    public Tensor add_(Tensor other) { return Inplace.apply(this, new Op.Add(1.0), other); }
    /** {@code this += alpha * other} in place: {@code p.add_(g, -lr)}. */
    public Tensor add_(Tensor other, double alpha) { return Inplace.apply(this, new Op.Add(alpha), other); }
    /** {@code this += s} in place. */
    public Tensor add_(double s) { return Inplace.apply(this, new Op.Scalar(ScalarKind.ADD, s)); }
    /** {@code this -= other} in place. */
    public Tensor sub_(Tensor other) { return Inplace.apply(this, new Op.Sub(1.0), other); }
    /** {@code this -= alpha * other} in place. */
    public Tensor sub_(Tensor other, double alpha) { return Inplace.apply(this, new Op.Sub(alpha), other); }
    /** {@code this -= s} in place. */
    public Tensor sub_(double s) { return Inplace.apply(this, new Op.Scalar(ScalarKind.SUB, s)); }
    /** {@code this *= other} in place. */
    public Tensor mul_(Tensor other) { return Inplace.apply(this, new Op.Mul(), other); }
    /** {@code this *= s} in place. */
    public Tensor mul_(double s) { return Inplace.apply(this, new Op.Scalar(ScalarKind.MUL, s)); }
    /** {@code this /= other} in place. */
    public Tensor div_(Tensor other) { return Inplace.apply(this, new Op.Div(), other); }
    /** {@code this /= s} in place. */
    public Tensor div_(double s) { return Inplace.apply(this, new Op.Scalar(ScalarKind.DIV, s)); }
    /** {@code this = this ** s} in place. */
    public Tensor pow_(double s) { return Inplace.apply(this, new Op.Scalar(ScalarKind.POW, s)); }
    /** relu in place. */
    public Tensor relu_() { return Inplace.apply(this, new Op.Unary(UnaryOp.RELU)); }
    /** sin in place. */
    public Tensor sin_() { return Inplace.apply(this, new Op.Unary(UnaryOp.SIN)); }
    /** exp in place. */
    public Tensor exp_() { return Inplace.apply(this, new Op.Unary(UnaryOp.EXP)); }
    /** sqrt in place. */
    public Tensor sqrt_() { return Inplace.apply(this, new Op.Unary(UnaryOp.SQRT)); }
    /** clamp in place. */
    public Tensor clamp_(double min, double max) { return Inplace.apply(this, new Op.Clamp(min, max)); }
    /** Fills with zeros in place: {@code x.grad().zero_()}. */
    public Tensor zero_() { return fill_(0.0); }
    /** Fills with a value in place: {@code x.fill_(1)}. */
    public Tensor fill_(double value) { return Inplace.fill(this, value); }
    /** Copies src (broadcast to this shape, cast to this dtype) into this tensor in place: {@code x.copy_(y)}. */
    public Tensor copy_(Tensor src) { return Inplace.copy(this, src); }
    /** Fills where mask is true in place. */
    public Tensor maskedFill_(Tensor mask, double value) { return Inplace.apply(this, new Op.MaskedFill(mask, value)); }
    /** Uniform random values in [from, to) in place (for nn.init; not recorded). */
    public Tensor uniform_(double from, double to) { return Inplace.random(this, from, to, false); }
    /** Normal random values with mean and std in place (for nn.init; not recorded). */
    public Tensor normal_(double mean, double std) { return Inplace.random(this, mean, std, true); }

    // ================================================================================================
    // Autograd
    // ================================================================================================

    /** Whether gradients are tracked for this tensor: {@code x.requiresGrad()}. */
    public boolean requiresGrad() { return requiresGrad; }

    /** Starts tracking gradients on this leaf (float dtypes only); returns this: {@code Tensor.of(4f).requiresGrad_()}. */
    public Tensor requiresGrad_() { return requiresGrad_(true); }

    /** Sets whether this leaf tracks gradients; returns this: {@code x.requiresGrad_(false)}. */
    public Tensor requiresGrad_(boolean requires) {
        if (requires && !dtype().isFloatingPoint()) {
            throw new IllegalStateException("only Tensors of floating point dtype can require gradients");
        }
        if (requires && inference && !GradMode.isInference()) {
            throw new IllegalStateException("Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.");
        }
        if (gradFn != null) {
            if (requires) return this; // already requires grad: a no-op, as in PyTorch
            throw new IllegalStateException("you can only change requires_grad flags of leaf variables. If you want to use "
                    + "a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
        }
        this.requiresGrad = requires;
        return this;
    }

    /** PyTorch's {@code t.requires_grad = value} assignment, with its own error texts. */
    public void setRequiresGrad(boolean requires) {
        if (gradFn != null) {
            throw new IllegalStateException(requires
                    ? "you can only change requires_grad flags of leaf variables."
                    : "you can only change requires_grad flags of leaf variables. If you want to use a computed variable "
                      + "in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
        }
        if (requires && !dtype().isFloatingPoint()) {
            throw new IllegalStateException("only Tensors of floating point and complex dtype can require gradients");
        }
        this.requiresGrad = requires;
    }

    /** Whether this tensor is a leaf of the graph (created by the user, or not requiring grad). */
    public boolean isLeaf() { return gradFn == null; }

    /** The accumulated gradient, or null before any backward (non-leaves warn unless retainGrad was called). */
    public Tensor grad() {
        if (gradFn != null && !retainsGrad && grad == null) {
            Warnings.warn("UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its "
                    + ".grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
                    + "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the "
                    + "non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See "
                    + "github.com/pytorch/pytorch/pull/30531 for more information.");
        }
        return grad;
    }

    /** Assigns the gradient (null clears it); shape and dtype must match: {@code x.setGrad(null)}. */
    public void setGrad(Tensor g) {
        if (g != null) {
            if (g.dtype() != dtype()) throw new IllegalArgumentException("assigned grad has data of a different type");
            if (!Arrays.equals(g.shape, shape)) throw new IllegalArgumentException("assigned grad has data of a different size");
        }
        this.grad = g;
    }

    /** The node that created this tensor, or null for a leaf: {@code y.gradFn().name()}. */
    public Node gradFn() { return gradFn; }

    /** Which output of {@link #gradFn()} this tensor is. */
    public int outputNr() { return outputNr; }

    /** How many times this tensor's data was modified in place (PyTorch's {@code _version}). */
    public int version() { return version.get(); }

    /** The shared version counter (views and detach()es share it). */
    public VersionCounter versionCounter() { return version; }

    /** Backpropagates from this single-element tensor, accumulating into leaves' {@code .grad}: {@code loss.backward()}. */
    public void backward() { Autograd.backward(List.of(this), null, false, false, null); }

    /** Backpropagates with an upstream gradient (a vector-Jacobian product): {@code y.backward(v)}. */
    public void backward(Tensor gradient) { backward(gradient, false, false); }

    /** Backpropagates, optionally keeping the graph and recording the backward pass. */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        List<Tensor> g = new ArrayList<>(1);
        g.add(gradient);
        Autograd.backward(List.of(this), g, retainGraph, createGraph, null);
    }

    /** Backpropagates accumulating only into {@code inputs}: {@code loss.backward(null, List.of(a))}. */
    public void backward(Tensor gradient, List<Tensor> inputs) {
        List<Tensor> g = new ArrayList<>(1);
        g.add(gradient);
        Autograd.backward(List.of(this), g, false, false, inputs);
    }

    /** Makes backward fill this non-leaf's {@code .grad} as well: {@code y.retainGrad()}. */
    public void retainGrad() {
        if (!requiresGrad) throw new IllegalStateException("can't retain_grad on Tensor that has requires_grad=False");
        if (gradFn == null || retainsGrad) return;
        retainsGrad = true;
        gradFn.setRetainGrad(outputNr, this);
    }

    /** Whether {@link #retainGrad()} is in effect for this non-leaf. */
    public boolean retainsGrad() { return retainsGrad; }

    /** A new leaf sharing this tensor's storage and version counter, without grad: {@code y.detach()}. */
    public Tensor detach() {
        Tensor t = new Tensor(storage, shape, strides, offset, version);
        t.inference = inference;
        return t;
    }

    /** Detaches in place: this becomes a leaf that does not require grad; returns this. */
    public Tensor detach_() {
        if (viewBase != null) {
            throw new IllegalStateException("Can't detach views in-place. Use detach() instead. If you are using "
                    + "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, gradients "
                    + "are views of DDP buckets, and hence detach_() cannot be called on these gradients. To fix this "
                    + "error, please refer to the Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.");
        }
        gradFn = null;
        outputNr = 0;
        edge = null;
        requiresGrad = false;
        retainsGrad = false;
        return this;
    }

    /** PyTorch's {@code .data}: an alias of the storage that autograd does not track, not even its version. */
    public Tensor data() { return new Tensor(storage, shape, strides, offset, new VersionCounter()); }

    /**
     * Registers a hook on this tensor's gradient; returning a tensor replaces it, returning null keeps it:
     * {@code Handle h = x.registerHook(g -> g.mul(2));}
     */
    public Handle registerHook(UnaryOperator<Tensor> hook) {
        if (!requiresGrad) throw new IllegalStateException("cannot register a hook on a tensor that doesn't require gradient");
        if (gradFn != null) return gradFn.addTensorPreHook(outputNr, hook);
        return gradAccumulator().addTensorPreHook(0, hook);
    }

    /** Whether this tensor was created in inference mode. */
    public boolean isInference() { return inference; }

    // ---- internal autograd plumbing (used by the engine and ops; not for user code) ----

    /** The shared AccumulateGrad node of this leaf; internal. */
    public synchronized AccumulateGrad gradAccumulator() {
        if (accumulator == null) accumulator = new AccumulateGrad(this);
        return accumulator;
    }

    /** The edge through which a gradient reaches this tensor; internal. */
    public Edge gradientEdge() {
        Edge e = edge;
        if (e != null) return e;
        e = gradFn != null ? new Edge(gradFn, outputNr) : new Edge(gradAccumulator(), 0);
        edge = e;
        return e;
    }

    /** Attaches this tensor to the node that produced it; internal. */
    public void setGradFn(Node fn, int nr) {
        this.gradFn = fn;
        this.outputNr = nr;
        this.edge = null;
        this.requiresGrad = fn != null || requiresGrad;
    }

    /** Sets {@code .grad} without checks; internal (AccumulateGrad). */
    public void setGradInternal(Tensor g) { this.grad = g; }

    /** Adds a retained gradient into {@code .grad}; internal. */
    public synchronized void retainGradAccumulate(Tensor g) {
        if (grad == null) grad = GradMode.isEnabled() ? g : g.detach().clone();
        else grad = GradMode.isEnabled() ? grad.add(g) : addNoGrad(grad, g);
    }

    private static Tensor addNoGrad(Tensor a, Tensor b) {
        boolean prev = GradMode.set(false);
        try { return a.add(b); } finally { GradMode.set(prev); }
    }

    /** The tensor owning the storage when this is a view, else null; internal. */
    public Tensor viewBase() { return viewBase; }

    /** Marks this tensor as a view of base; internal. */
    public void setViewBase(Tensor base, boolean createdInNoGrad) {
        this.viewBase = base;
        this.viewCreatedInNoGrad = createdInNoGrad;
    }

    /** Whether this view was created under no_grad; internal. */
    public boolean viewCreatedInNoGrad() { return viewCreatedInNoGrad; }

    /** The multi-output view op that produced this view, or null; internal. */
    public String multiOutputView() { return multiOutputView; }

    /** A tensor with a private copy of this data but this tensor's autograd identity (for in-place rules); internal. */
    public Tensor snapshot() {
        Tensor copy;
        boolean prev = GradMode.set(false);
        try { copy = clone(); } finally { GradMode.set(prev); }
        copy.gradFn = gradFn;
        copy.outputNr = outputNr;
        copy.requiresGrad = requiresGrad;
        copy.accumulator = accumulator;
        return copy;
    }

    // ================================================================================================
    // Printing
    // ================================================================================================

    /** PyTorch's repr, character for character: {@code tensor([1., 2.], requires_grad=True)}. */
    @Override
    public String toString() {
        List<String> suffixes = new ArrayList<>(2);
        if (gradFn != null) suffixes.add("grad_fn=<" + gradFn.name() + ">");
        else if (requiresGrad) suffixes.add("requires_grad=True");
        String tangent = dev.autograd4j.autograd.ForwardAD.tangentSuffix(this);
        if (tangent != null) suffixes.add(tangent);
        return TensorFormatter.format(shape, dtype(), elementReader(), suffixes);
    }

    /** A reader of this tensor's elements in row-major order, for the formatter. */
    protected dev.autograd4j.print.ElementReader elementReader() {
        return new dev.autograd4j.print.ElementReader() {
            @Override public double valueAt(long i) { return getFlat((int) i); }
            @Override public long longAt(long i) { return getFlatLong((int) i); }
        };
    }

    // ================================================================================================
    // Order statistics, windows, einsum (issue 4)
    // ================================================================================================

    /**
     * The lower median of all elements (the smaller middle value for an even count; NaN if any is NaN); like
     * max(), its gradient is shared evenly by the elements equal to it: {@code x.median()}.
     */
    public Tensor median() {
        if (numel() == 0) throw new IllegalArgumentException("median() cannot be computed on an empty tensor");
        Tensor flat = detach().reshape(-1);
        long at = medianPositions(flat, 0, (numel() - 1) / 2).getFlatLong(0);
        return Dispatch.apply(new Op.ValuesAt("MedianBackward0", null, false), this, of(new long[]{at}, new int[0]));
    }
    /**
     * Per line along d: the index of the rank-th smallest element, or of the first NaN where the line has one
     * (median propagates NaN); shape of x with size 1 at d. NaN sorts last in the stable sort, so the first NaN in
     * sorted order is the first NaN of the line.
     */
    private static Tensor medianPositions(Tensor x, int d, int rank) {
        int n = x.shape[d];
        Tensor order = NonDiff.sortIndices(x, d, false, n).contiguous();
        long[] ord = order.toLongArray();
        double[] vals = x.detach().gather(d, order).contiguous().toDoubleArray();
        int inner = 1, outer = 1;
        for (int i = d + 1; i < x.dim(); i++) inner *= x.shape[i];
        for (int i = 0; i < d; i++) outer *= x.shape[i];
        long[] pick = new long[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i, p = rank;
                if (Double.isNaN(vals[base + (n - 1) * inner])) {
                    p = 0;
                    while (!Double.isNaN(vals[base + p * inner])) p++;
                }
                pick[o * inner + i] = ord[base + p * inner];
            }
        }
        int[] shape = x.shape();
        shape[d] = 1;
        return of(pick, shape);
    }
    /** The lower median along dim and its index: {@code x.median(1, false).values()}. */
    public ValuesIndices median(int dim, boolean keepdim) {
        int n = dim() == 0 ? 1 : shape[Shapes.wrapDim(dim, dim())];
        return orderStatistic("median", "MedianBackward1", (n - 1) / 2, dim, keepdim);
    }
    /** The k-th smallest value (k counts from 1) along dim and its index: {@code x.kthvalue(2, -1, false).values()}. */
    public ValuesIndices kthvalue(int k, int dim, boolean keepdim) {
        int n = dim() == 0 ? 1 : shape[Shapes.wrapDim(dim, dim())];
        if (k < 1 || k > n) throw new IllegalArgumentException("kthvalue(): selected number k out of range for dimension " + dim);
        return orderStatistic("kthvalue", "KthvalueBackward0", k - 1, dim, keepdim);
    }
    private ValuesIndices orderStatistic(String what, String node, int rank, int dim, boolean keepdim) {
        int d = dim() == 0 ? 0 : Shapes.wrapDim(dim, dim());
        int n = dim() == 0 ? 1 : shape[d];
        if (n == 0) throw new IllegalArgumentException(what + "(): cannot be computed over an empty dimension " + d);
        Tensor idx = dim() == 0 ? of(new long[]{0}, new int[0])
                : what.equals("median") ? medianPositions(this, d, rank)
                : NonDiff.sortIndices(this, d, false, rank + 1).narrow(d, rank, 1).contiguous();
        Tensor values = Dispatch.apply(new Op.ValuesAt(node, d, keepdim), this, idx);
        return new ValuesIndices(values, keepdim || dim() == 0 ? idx : idx.squeeze(d));
    }
    /** Every window of length size along dim, step apart, as a new last dim (a view): {@code x.unfold(0, 2, 1)}. */
    public Tensor unfold(int dim, int size, int step) { return Dispatch.apply(new Op.Unfold(dim, size, step), this); }
    /** A 1-D tensor as a diagonal matrix, or a 2-D tensor's main diagonal: {@code v.diag()}. */
    public Tensor diag() {
        if (dim() == 1) {
            int n = shape[0];
            return unsqueeze(0).mul(eye(n).to(dtype()));
        }
        if (dim() == 2) return diagonal();
        throw new IllegalArgumentException("diag(): Supports 1D or 2D tensors. Got " + dim() + "D");
    }
    /** Einstein summation over one or two operands, e.g. {@code Tensor.einsum("bij,bjk->bik", a, b)}. */
    public static Tensor einsum(String equation, Tensor... operands) { return dev.autograd4j.ops.Einsum.einsum(equation, operands); }

    /** The pair returned by {@code max(dim)}, {@code min(dim)} and {@code sort}: values and their int64 indices. */
    public record ValuesIndices(Tensor values, Tensor indices) {}
}
