/**
 * Data loading (PyTorch's {@code torch.utils.data} and the torchvision MNIST readers):
 * {@link dev.autograd4j.data.Dataset} and {@link dev.autograd4j.data.TensorDataset}, a
 * {@link dev.autograd4j.data.DataLoader} with batch size, seeded shuffle, {@code dropLast} and a background prefetch
 * thread, the IDX format of MNIST ({@link dev.autograd4j.data.Idx}, gzip or not) and
 * {@link dev.autograd4j.data.FashionMnist}.
 *
 * <pre>{@code
 * TensorDataset train = FashionMnist.load(FashionMnist.DEBIAN_DIR, true);
 * var loader = new DataLoader(train, new DataLoader.Options().batchSize(64).shuffle(true).seed(0).prefetch(2));
 * for (Tensor[] batch : loader) step(batch[0], batch[1]);
 * }</pre>
 */
package dev.autograd4j.data;
