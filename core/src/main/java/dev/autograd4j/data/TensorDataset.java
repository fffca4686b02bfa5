package dev.autograd4j.data;

import dev.autograd4j.Tensor;

import java.util.Arrays;

/**
 * Examples taken along dimension 0 of tensors of equal length, as {@code torch.utils.data.TensorDataset}.
 *
 * <pre>{@code
 * var ds = new TensorDataset(Tensor.randn(100, 3), Tensor.arange(100));
 * ds.size();   // 100
 * }</pre>
 */
public final class TensorDataset implements Dataset {
    private final Tensor[] tensors;

    /** A dataset over {@code tensors}, which must share their first dimension: {@code new TensorDataset(x, y)}. */
    public TensorDataset(Tensor... tensors) {
        if (tensors.length == 0) throw new IllegalArgumentException("TensorDataset needs at least one tensor");
        for (Tensor t : tensors) {
            if (t.dim() == 0 || t.shape()[0] != tensors[0].shape()[0]) {
                StringBuilder shapes = new StringBuilder();
                for (Tensor u : tensors) shapes.append(shapes.isEmpty() ? "" : ", ").append(Arrays.toString(u.shape()));
                throw new IllegalArgumentException("Size mismatch between tensors: TensorDataset needs tensors of "
                        + "at least one dimension sharing dimension 0, got shapes " + shapes);
            }
        }
        this.tensors = tensors.clone();
    }

    /** The tensors this dataset indexes: {@code ds.tensors()[0]} is the inputs. */
    public Tensor[] tensors() { return tensors.clone(); }

    @Override
    public int size() { return tensors[0].shape()[0]; }

    @Override
    public Tensor[] get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for a dataset of size " + size());
        }
        Tensor[] out = new Tensor[tensors.length];
        for (int k = 0; k < out.length; k++) out[k] = tensors[k].select(0, index);
        return out;
    }

    /** One {@code indexSelect} per tensor instead of stacking examples one by one. */
    @Override
    public Tensor[] getBatch(int[] indices) {
        long[] idx = new long[indices.length];
        for (int i = 0; i < idx.length; i++) {
            if (indices[i] < 0 || indices[i] >= size()) {
                throw new IndexOutOfBoundsException("index " + indices[i] + " is out of bounds for a dataset of size " + size());
            }
            idx[i] = indices[i];
        }
        Tensor index = Tensor.of(idx);
        Tensor[] out = new Tensor[tensors.length];
        for (int k = 0; k < out.length; k++) out[k] = tensors[k].indexSelect(0, index);
        return out;
    }
}
