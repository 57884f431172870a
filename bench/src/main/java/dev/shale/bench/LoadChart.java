package dev.shale.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Two panels side by side, every server in each: throughput against clients, and p50 (dashed) and
 * p99 (solid) latency against clients on a log scale. Written as one PNG.
 */
final class LoadChart {

  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
  };

  private LoadChart() {}

  /** Writes {@code base}.png; returns its path, or null when no point measured anything. */
  static Path write(LoadResults results, Path base) throws IOException {
    if (results.points().stream().noneMatch(LoadPoint::measured)) {
      return null; // XChart draws no chart without a series
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    XYChart throughput = chart("Throughput", "operations per second");
    XYChart latency = chart("Latency (dashed p50, solid p99)", "µs, log scale");
    throughput.getStyler().setYAxisMin(0.0);
    latency.getStyler().setYAxisLogarithmic(true);
    latency.getStyler().setYAxisLogarithmicDecadeOnly(false);
    latency.getStyler().setYAxisDecimalPattern("#,##0.#");

    for (int i = 0; i < results.targets().size(); i++) {
      String target = results.targets().get(i);
      Color color = COLORS[i % COLORS.length];
      series(throughput, results, target, target, LoadPoint::opsPerSecond, color, false);
      series(latency, results, target, target + " p50", p -> p.micros(null, 50), color, true);
      series(latency, results, target, target + " p99", p -> p.micros(null, 99), color, false);
    }
    Path png = base.resolveSibling(base.getFileName() + ".png");
    BitmapEncoder.saveBitmap(List.of(throughput, latency), 1, 2, png.toString(), BitmapFormat.PNG);
    return png;
  }

  private static XYChart chart(String title, String yAxis) {
    XYChart chart =
        new XYChartBuilder()
            .width(650)
            .height(520)
            .title(title)
            .xAxisTitle("concurrent clients, log scale")
            .yAxisTitle(yAxis)
            .build();
    chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    // Client counts grow by factors (1, 8, 32, 64): a log axis spaces them evenly.
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
    chart.getStyler().setXAxisDecimalPattern("#0");
    chart.getStyler().setYAxisDecimalPattern("#,##0");
    return chart;
  }

  /** One line over the client counts where {@code target} measured something. */
  private static void series(
      XYChart chart,
      LoadResults results,
      String target,
      String name,
      ToDoubleFunction<LoadPoint> metric,
      Color color,
      boolean dashed) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int clients : results.clients()) {
      results
          .get(target, clients)
          .filter(LoadPoint::measured)
          .ifPresent(
              p -> {
                xs.add((double) clients);
                ys.add(Math.max(metric.applyAsDouble(p), 0.001));
              });
    }
    if (xs.isEmpty()) {
      return;
    }
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setLineColor(color);
    series.setMarkerColor(color);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setLineStyle(
        dashed
            ? new BasicStroke(
                2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
            : new BasicStroke(2f));
  }
}
