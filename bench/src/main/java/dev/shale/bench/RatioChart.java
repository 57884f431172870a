package dev.shale.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The reference's time ratios over each other subject, one bar group per workload, on a log scale
 * so 2× slower and 2× faster are the same height from the line at 1. Written as PNG and SVG.
 */
final class RatioChart {

  private RatioChart() {}

  /** Writes {@code base}.png and {@code base}.svg; returns the PNG's path. */
  static Path write(Results results, Path base) throws IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    String reference = results.reference();
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1100)
            .height(600)
            .title(
                results.title()
                    + ": "
                    + reference
                    + " time / other time (below 1: "
                    + reference
                    + " faster)")
            .xAxisTitle("workload")
            .yAxisTitle("time ratio, log scale")
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisDecimalPattern("#,##0.##");
    chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
    chart.getStyler().setXAxisLabelRotation(20);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsRotation(0);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);

    // A log axis cannot show a missing or zero bar; such a workload gets no bar for that subject.
    List<String> workloads = new ArrayList<>();
    for (String workload : results.workloads()) {
      boolean any = results.others().stream().anyMatch(o -> results.ratio(workload, o).isPresent());
      if (any) {
        workloads.add(workload);
      }
    }
    double low = 1;
    double high = 1;
    for (String other : results.others()) {
      List<Double> ratios = new ArrayList<>();
      for (String workload : workloads) {
        OptionalDouble ratio = results.ratio(workload, other);
        ratios.add(ratio.isPresent() ? ratio.getAsDouble() : null);
        if (ratio.isPresent()) {
          low = Math.min(low, ratio.getAsDouble());
          high = Math.max(high, ratio.getAsDouble());
        }
      }
      if (!workloads.isEmpty()) {
        chart.addSeries(reference + "/" + other, workloads, ratios);
      }
    }
    if (workloads.isEmpty()) {
      // XChart draws no chart without a series: an empty one says there is nothing to compare
      // (one subject, or every comparison failed).
      List<Double> none = new ArrayList<>();
      for (String workload : results.workloads()) {
        none.add(null);
      }
      chart.addSeries("no ratios in this run", results.workloads(), none);
    }
    // The line at 1: equal speed.
    chart.addAnnotation(new AnnotationLine(1.0, false, false));
    chart.getStyler().setAnnotationLineColor(Color.DARK_GRAY);
    chart.getStyler().setAnnotationLineStroke(new BasicStroke(2f));
    // Whole decades around the data keep 1 on the axis and the scale readable; past two decades
    // the ticks between decades would overlap.
    double min = Math.floor(Math.log10(low)) - (low == 1 ? 1 : 0);
    double max = Math.ceil(Math.log10(high)) + (high == 1 ? 1 : 0);
    chart.getStyler().setYAxisMin(Math.pow(10, min));
    chart.getStyler().setYAxisMax(Math.pow(10, max));
    chart.getStyler().setYAxisLogarithmicDecadeOnly(max - min > 2);

    Path png = base.resolveSibling(base.getFileName() + ".png");
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapFormat.PNG);
    VectorGraphicsEncoder.saveVectorGraphic(
        chart,
        base.resolveSibling(base.getFileName() + ".svg").toString(),
        VectorGraphicsFormat.SVG);
    return png;
  }
}
