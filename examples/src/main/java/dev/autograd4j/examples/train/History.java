package dev.autograd4j.examples.train;

import java.util.ArrayList;
import java.util.List;

/** Per-epoch metrics of a training run, in order; what the plots draw. */
public final class History {

    /**
     * One epoch's numbers.
     *
     * @param epoch         1-based epoch number
     * @param trainLoss     mean cross-entropy over the epoch's batches
     * @param trainAccuracy fraction of training examples the model classified right as it trained
     * @param testLoss      mean cross-entropy on the test set after the epoch
     * @param testAccuracy  fraction of the test set classified right after the epoch
     * @param seconds       wall time of the epoch's training steps
     */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double seconds) {}

    /**
     * The training loss and accuracy averaged over a window of batches (about a twentieth of an epoch), so the curves
     * show how a run learns within an epoch too, and a one-epoch demo still draws a curve.
     *
     * @param epoch    fractional epoch at the end of the window (0.5 = half way through the first epoch)
     * @param loss     mean cross-entropy over the window's batches
     * @param accuracy fraction of the window's examples classified right
     */
    public record Window(double epoch, double loss, double accuracy) {}

    private final List<Epoch> epochs = new ArrayList<>();
    private final List<Window> windows = new ArrayList<>();

    void add(Epoch e) { epochs.add(e); }

    void add(Window w) { windows.add(w); }

    /** The within-epoch training windows recorded so far. */
    public List<Window> windows() { return List.copyOf(windows); }

    /** The epochs recorded so far. */
    public List<Epoch> epochs() { return List.copyOf(epochs); }

    /** The last epoch's test accuracy. */
    public double finalTestAccuracy() {
        if (epochs.isEmpty()) throw new IllegalStateException("no epoch has run");
        return epochs.getLast().testAccuracy();
    }

    /** Total training seconds over all epochs. */
    public double trainingSeconds() { return epochs.stream().mapToDouble(Epoch::seconds).sum(); }
}
