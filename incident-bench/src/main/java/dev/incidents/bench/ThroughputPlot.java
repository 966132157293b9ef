package dev.incidents.bench;

import dev.incidents.bench.Results.Key;
import dev.incidents.bench.Results.Score;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Throughput against threads as a PNG, drawn with JFreeChart: one colour per store, the full pipeline solid
 * and its raw baseline dashed (drawn a little to the right), each point with its 99.9% confidence interval,
 * both axes logarithmic (the stores differ by three orders of magnitude, the threads double).
 */
final class ThroughputPlot {

  static final int WIDTH = 960;
  static final int HEIGHT = 600;
  private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};
  /** Where a raw baseline's point is drawn, relative to its thread count. */
  static final double RAW_OFFSET = 1.04;
  private static final Stroke SOLID = new BasicStroke(2.5f);
  private static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1,
      new float[] {6, 5}, 0);

  private ThroughputPlot() {}

  static void write(Results results, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    ChartUtils.saveChartAsPNG(png.toFile(), chart(results), WIDTH, HEIGHT);
  }

  /** The chart: a series per store and benchmark that has at least one score, named "store create" or "store raw". */
  static JFreeChart chart(Results results) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDefaultLinesVisible(true);
    renderer.setDrawXError(false);
    renderer.setCapLength(6);
    renderer.setErrorStroke(new BasicStroke(1f));
    StoreKind[] kinds = StoreKind.values();
    for (int k = 0; k < kinds.length; k++) {
      for (String benchmark : List.of(Report.CREATE, Report.RAW)) {
        boolean raw = benchmark.equals(Report.RAW);
        YIntervalSeries series = new YIntervalSeries(kinds[k].id + (raw ? " raw" : " create"));
        for (int threads : Report.THREADS) {
          Optional<Score> s = results.find(Key.of(benchmark, kinds[k], threads));
          if (s.isPresent() && s.get().score() > 0) {
            double score = s.get().score();
            double error = Double.isNaN(s.get().error()) ? 0 : s.get().error();
            // A logarithmic axis has no zero: an interval reaching below it is drawn down to a tenth of the score.
            // The baseline a little to the right, so that the two intervals at one thread count do not overlap.
            series.add(raw ? threads * RAW_OFFSET : threads, score, Math.max(score - error, score / 10), score + error);
          }
        }
        if (series.getItemCount() > 0) {
          int index = data.getSeriesCount();
          data.addSeries(series);
          renderer.setSeriesPaint(index, COLOURS[k % COLOURS.length]);
          renderer.setSeriesStroke(index, raw ? DASHED : SOLID);
        }
      }
    }
    LogAxis threads = new LogAxis("threads");
    threads.setBase(2);
    threads.setTickUnit(new NumberTickUnit(1));
    threads.setNumberFormatOverride(new DecimalFormat("0"));
    threads.setRange(0.85, 9.5);
    LogAxis rate = new LogAxis("creates (or raw writes) per second");
    rate.setTickUnit(new NumberTickUnit(1));
    rate.setNumberFormatOverride(new DecimalFormat("#,##0"));
    XYPlot plot = new XYPlot(data, threads, rate, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart("Throughput against threads", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle("solid: full pipeline (CreateBenchmark); dashed: raw baseline (RawBenchmark); "
        + "bars: 99.9% confidence interval"));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
