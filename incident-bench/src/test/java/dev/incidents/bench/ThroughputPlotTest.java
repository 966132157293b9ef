package dev.incidents.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidents.bench.Results.Key;
import dev.incidents.bench.Results.Method;
import dev.incidents.bench.Results.Score;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThroughputPlotTest {

  private static final Method METHOD = new Method(2, 10, "3 s", 5, "2 s");

  @Test
  void each_store_and_benchmark_measured_is_a_series_of_its_points_with_their_intervals() {
    Results results = new Results(List.of(
        new Score(Key.of(Report.CREATE, StoreKind.MAPDB_FILE, 1), 1500, 100, METHOD),
        new Score(Key.of(Report.CREATE, StoreKind.MAPDB_FILE, 8), 4500, 9000, METHOD),
        new Score(Key.of(Report.RAW, StoreKind.MAPDB_FILE, 1), 2000, Double.NaN, METHOD),
        new Score(Key.of(Report.CREATE, StoreKind.MARIADB, 2), 3000, 30, METHOD)));
    JFreeChart chart = ThroughputPlot.chart(results);
    YIntervalSeriesCollection data = (YIntervalSeriesCollection) chart.getXYPlot().getDataset();

    assertThat(data.getSeriesCount()).isEqualTo(3);
    assertThat(data.getSeriesKey(0)).isEqualTo("mapdb-file create");
    assertThat(data.getSeriesKey(1)).isEqualTo("mapdb-file raw");
    assertThat(data.getSeriesKey(2)).isEqualTo("mariadb create");
    assertThat(data.getItemCount(0)).isEqualTo(2);
    assertThat(data.getXValue(0, 1)).isEqualTo(8.0);
    assertThat(data.getXValue(1, 0)).isEqualTo(ThroughputPlot.RAW_OFFSET);
    assertThat(data.getStartYValue(0, 0)).isEqualTo(1400.0);
    assertThat(data.getEndYValue(0, 0)).isEqualTo(1600.0);
    // Below zero on a logarithmic axis: drawn to a tenth of the score. No interval: none drawn.
    assertThat(data.getStartYValue(0, 1)).isEqualTo(450.0);
    assertThat(data.getStartYValue(1, 0)).isEqualTo(2000.0);
    assertThat(data.getEndYValue(1, 0)).isEqualTo(2000.0);
  }

  @Test
  void the_plot_is_a_png_of_the_report_s_size_even_with_nothing_measured(@TempDir Path dir) throws Exception {
    for (Results results : List.of(new Results(List.of()), new Results(List.of(
        new Score(Key.of(Report.CREATE, StoreKind.MEMORY, 1), 70_000, 5_000, METHOD))))) {
      Path png = dir.resolve("plot.png");
      ThroughputPlot.write(results, png);
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image.getWidth()).isEqualTo(ThroughputPlot.WIDTH);
      assertThat(image.getHeight()).isEqualTo(ThroughputPlot.HEIGHT);
    }
  }
}
