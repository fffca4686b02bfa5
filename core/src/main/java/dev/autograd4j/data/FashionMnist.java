package dev.autograd4j.data;

import dev.autograd4j.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Zalando's 28x28 grey images of 10 clothing classes) from its four IDX files, as
 * {@code torchvision.datasets.FashionMNIST} with {@code transforms.ToTensor()}: images [N, 1, 28, 28] in [0, 1],
 * int64 labels [N].
 *
 * <pre>{@code
 * TensorDataset train = FashionMnist.load(Path.of("/usr/share/datasets/fashion-mnist"), true);
 * train.size();   // 60000
 * }</pre>
 */
public final class FashionMnist {
    private FashionMnist() {}

    /** Where the Debian package {@code dataset-fashion-mnist} installs the data. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The class names, by label. */
    public static final List<String> CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The file prefix of a split: {@code "train"} or {@code "t10k"}. */
    public static String prefix(boolean train) { return train ? "train" : "t10k"; }

    /**
     * Loads the training ({@code train}) or test split from {@code dir}, which holds
     * {@code train-images-idx3-ubyte(.gz)} and friends: {@code FashionMnist.load(dir, false).size() == 10000}.
     */
    public static TensorDataset load(Path dir, boolean train) {
        Path images = find(dir, prefix(train) + "-images-idx3-ubyte");
        Path labels = find(dir, prefix(train) + "-labels-idx1-ubyte");
        return fromIdx(Idx.read(images), Idx.read(labels), images.toString());
    }

    /** Loads a split from two IDX streams (gzip or not), e.g. resources: {@code FashionMnist.load(imgIn, lblIn)}. */
    public static TensorDataset load(InputStream images, InputStream labels) {
        try (images; labels) {
            return fromIdx(Idx.read(images, "images stream"), Idx.read(labels, "labels stream"), "images stream");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory holding the full data, if the Debian package or a copy at {@code dir} is there. */
    public static Optional<Path> installed(Path dir) {
        try {
            find(dir, "train-images-idx3-ubyte");
            find(dir, "t10k-labels-idx1-ubyte");
            return Optional.of(dir);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static TensorDataset fromIdx(Idx images, Idx labels, String source) {
        int[] s = images.shape();
        if (s.length != 3 || labels.shape().length != 1 || labels.shape()[0] != s[0]) {
            throw new IllegalArgumentException("Fashion-MNIST: " + source + " holds images of shape "
                    + java.util.Arrays.toString(s) + " and labels of shape " + java.util.Arrays.toString(labels.shape())
                    + "; expected [N, 28, 28] and [N]");
        }
        Tensor x = images.toFloat32(1 / 255.0).view(s[0], 1, s[1], s[2]);
        return new TensorDataset(x, labels.toInt64());
    }

    private static Path find(Path dir, String name) {
        for (String candidate : new String[]{name + ".gz", name}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) return p;
        }
        throw new IllegalArgumentException("Fashion-MNIST: neither " + name + ".gz nor " + name + " is in " + dir);
    }
}
