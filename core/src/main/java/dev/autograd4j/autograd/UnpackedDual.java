package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;

/**
 * What {@link ForwardAD#unpackDual(Tensor)} returns (PyTorch's {@code UnpackedDualTensor}): the primal value and
 * its tangent at the current level, or a null tangent for a plain tensor and after the level has exited.
 *
 * <pre>{@code
 * var u = ForwardAD.unpackDual(y);
 * u.primal();   // tensor([0.0000, 1.6829, 1.8186])
 * u.tangent();  // tensor([ 2.0000,  1.0806, -0.8323])
 * }</pre>
 *
 * @param primal  the value, without its tangent
 * @param tangent the forward gradient, or null
 */
public record UnpackedDual(Tensor primal, Tensor tangent) {
    /** PyTorch's namedtuple repr: {@code UnpackedDualTensor(primal=tensor([0., 1.]), tangent=None)}. */
    @Override
    public String toString() {
        return "UnpackedDualTensor(primal=" + primal + ", tangent=" + (tangent == null ? "None" : tangent) + ")";
    }
}
