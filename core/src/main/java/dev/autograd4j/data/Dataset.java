package dev.autograd4j.data;

import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A map-style dataset, as {@code torch.utils.data.Dataset}: a size and an example per index, each example a fixed
 * number of tensors (for instance an image and its label).
 *
 * <pre>{@code
 * Dataset ds = new TensorDataset(images, labels);
 * Tensor[] first = ds.get(0);   // {image, label}
 * }</pre>
 */
public interface Dataset {

    /** The number of examples: {@code ds.size()} is {@code len(ds)}. */
    int size();

    /** The example at {@code index}, one tensor per field: {@code ds.get(0)[1]} is the first label. */
    Tensor[] get(int index);

    /**
     * The examples at {@code indices} collated into one batch: field {@code k} of every example stacked along a new
     * dimension 0, as PyTorch's default collate does. Datasets backed by big tensors override this with one gather.
     *
     * <pre>{@code Tensor[] batch = ds.getBatch(new int[]{0, 5, 9});   // batch[0].shape()[0] == 3}</pre>
     */
    default Tensor[] getBatch(int[] indices) {
        if (indices.length == 0) throw new IllegalArgumentException("getBatch: empty list of indices");
        Tensor[] first = get(indices[0]);
        List<List<Tensor>> fields = new ArrayList<>();
        for (Tensor t : first) fields.add(new ArrayList<>(List.of(t)));
        for (int i = 1; i < indices.length; i++) {
            Tensor[] ex = get(indices[i]);
            if (ex.length != first.length) {
                throw new IllegalStateException("getBatch: example " + indices[i] + " has " + ex.length
                        + " fields but example " + indices[0] + " has " + first.length);
            }
            for (int k = 0; k < ex.length; k++) fields.get(k).add(ex[k]);
        }
        Tensor[] out = new Tensor[first.length];
        for (int k = 0; k < out.length; k++) out[k] = Tensor.stack(fields.get(k), 0);
        return out;
    }
}
