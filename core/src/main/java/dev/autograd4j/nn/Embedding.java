package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * A lookup table of vectors indexed by int64 ids: PyTorch's {@code nn.Embedding} (weight drawn from N(0, 1); the
 * padding row starts at zero and gets no gradient).
 *
 * <pre>{@code
 * var emb = new Embedding(10, 3);
 * Tensor v = emb.forward(Tensor.of(new long[]{1, 2, 4}));   // [3, 3]
 * }</pre>
 */
public class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;
    private final Long paddingIdx;

    /** numEmbeddings vectors of embeddingDim: {@code new Embedding(10, 3)}. */
    public Embedding(int numEmbeddings, int embeddingDim) { this(numEmbeddings, embeddingDim, null); }

    /** With a padding index (negative counts from the end) whose row is zero and frozen: {@code new Embedding(5, 2, 0L)}. */
    public Embedding(int numEmbeddings, int embeddingDim, Long paddingIdx) {
        Long pad = paddingIdx;
        if (pad != null) {
            if (pad >= numEmbeddings || pad < -numEmbeddings) {
                throw new IllegalArgumentException(pad > 0 ? "Padding_idx must be within num_embeddings"
                        : "Padding_idx must be within num_embeddings");
            }
            if (pad < 0) pad += numEmbeddings;
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = pad;
        Parameter w = registerParameter("weight", new Parameter(Tensor.zeros(numEmbeddings, embeddingDim)));
        Init.normal_(w, 0, 1);
        if (pad != null) {
            try (var ng = dev.autograd4j.autograd.Autograd.noGrad()) { w.select(0, pad.intValue()).zero_(); }
        }
    }

    /** The table, [numEmbeddings, embeddingDim]: {@code emb.weight()}. */
    public Parameter weight() { return parameter("weight"); }

    @Override
    public Tensor forward(Tensor input) { return F.embedding(input, weight(), paddingIdx); }

    @Override
    public String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx != null ? ", padding_idx=" + paddingIdx : "");
    }
}
