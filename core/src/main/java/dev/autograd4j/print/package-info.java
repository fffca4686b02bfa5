/**
 * PyTorch's tensor printing ({@code torch/_tensor_str.py}, PyTorch 2.x), reproduced character for character and
 * independent of the tensor class: {@link dev.autograd4j.print.TensorFormatter} formats a shape, a dtype and an
 * {@link dev.autograd4j.print.ElementReader}; {@link dev.autograd4j.print.PrintOptions} is
 * {@code torch.set_printoptions}.
 *
 * <pre>{@code
 * String s = TensorFormatter.format(new int[]{2}, DType.FLOAT32, ElementReader.ofFloats(1f, 2f),
 *                                   List.of("requires_grad=True"));   // "tensor([1., 2.], requires_grad=True)"
 * }</pre>
 */
package dev.autograd4j.print;
