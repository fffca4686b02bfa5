package dev.autograd4j.examples.train;

import dev.autograd4j.Tensor;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** PNG plots with XChart: the loss and accuracy curves of a run, and the tutorial's sin(a) with its gradient. */
public final class Plots {
    private Plots() {}

    static {
        System.setProperty("java.awt.headless", "true");   // draw to files on machines without a display
    }

    /** Writes {@code loss.png} and {@code accuracy.png} into {@code dir}; returns their paths. */
    public static List<Path> curves(History history, String title, Path dir) {
        List<History.Epoch> es = history.epochs();
        List<History.Window> ws = history.windows();
        double[] x = es.stream().mapToDouble(History.Epoch::epoch).toArray();
        double[] wx = ws.stream().mapToDouble(History.Window::epoch).toArray();
        XYChart loss = chart(title + ": cross-entropy loss", "epoch", "loss");
        if (wx.length > 0) line(loss.addSeries("train (per 1/20 epoch)", wx, ws.stream().mapToDouble(History.Window::loss).toArray()));
        loss.addSeries("train (epoch mean)", x, es.stream().mapToDouble(History.Epoch::trainLoss).toArray());
        loss.addSeries("test", x, es.stream().mapToDouble(History.Epoch::testLoss).toArray());
        XYChart acc = chart(title + ": accuracy", "epoch", "accuracy");
        if (wx.length > 0) line(acc.addSeries("train (per 1/20 epoch)", wx, ws.stream().mapToDouble(History.Window::accuracy).toArray()));
        acc.addSeries("train (epoch mean)", x, es.stream().mapToDouble(History.Epoch::trainAccuracy).toArray());
        acc.addSeries("test", x, es.stream().mapToDouble(History.Epoch::testAccuracy).toArray());
        List<Path> written = new ArrayList<>();
        written.add(save(loss, dir.resolve("loss.png")));
        written.add(save(acc, dir.resolve("accuracy.png")));
        return written;
    }

    /**
     * The tutorial's figure: a = linspace(0, 2pi, 25) with requires_grad, b = sin(a), b.sum().backward(); plots b and
     * a.grad (which autograd found to be cos(a)). Writes {@code sin_grad.png} into {@code dir}.
     */
    public static Path sinAndGradient(Path dir) {
        Tensor a = Tensor.linspace(0, 2 * Math.PI, 25).requiresGrad_();
        Tensor b = a.sin();
        b.sum().backward();
        double[] x = a.detach().toDoubleArray();
        XYChart c = chart("sin(a) and its gradient from autograd", "a", "");
        c.getStyler().setXAxisDecimalPattern("0.0#");
        c.addSeries("sin(a)", x, b.detach().toDoubleArray());
        c.addSeries("a.grad (= cos(a))", x, a.grad().toDoubleArray());
        return save(c, dir.resolve("sin_grad.png"));
    }

    /** A dense series drawn as a plain line: the within-epoch windows are too many for markers. */
    private static void line(org.knowm.xchart.XYSeries s) {
        s.setMarker(SeriesMarkers.NONE);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(720).height(450).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        c.getStyler().setMarkerSize(6);
        c.getStyler().setXAxisDecimalPattern("0.#");   // epochs, fractional for the windows; the sin plot sets its own
        c.getStyler().setYAxisDecimalPattern("0.00#");
        c.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
        return c;
    }

    private static Path save(XYChart chart, Path file) {
        chart.getSeriesMap().values().forEach(s -> { if (s.getMarker() == null) s.setMarker(SeriesMarkers.CIRCLE); });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plot " + file + ": " + e.getMessage(), e);
        }
    }
}
