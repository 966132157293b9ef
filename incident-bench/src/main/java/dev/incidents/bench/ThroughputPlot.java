package dev.incidents.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Throughput against threads as a PNG, drawn with Java2D so the report needs no plotting tool: one colour
 * per store, the full pipeline solid and its raw baseline dashed, on a logarithmic scale (the stores differ by
 * two orders of magnitude).
 */
final class ThroughputPlot {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;
  private static final int LEFT = 90;
  private static final int RIGHT = 190;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x9467bd)};

  private ThroughputPlot() {}

  static void write(Results results, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);

    double min = Double.MAX_VALUE;
    double max = 0;
    for (StoreKind kind : StoreKind.values()) {
      for (int threads : Report.THREADS) {
        for (String benchmark : List.of(Report.CREATE, Report.RAW)) {
          Optional<Results.Score> s = results.find(benchmark, kind.id, threads);
          if (s.isPresent() && s.get().score() > 0) {
            min = Math.min(min, s.get().score());
            max = Math.max(max, s.get().score());
          }
        }
      }
    }
    if (max == 0) {
      min = 1;
      max = 10;
    }
    double lowDecade = Math.floor(Math.log10(min));
    double highDecade = Math.ceil(Math.log10(max));
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(Color.BLACK);
    g.drawString("Creates per second against threads (log scale); solid: full pipeline, dashed: raw baseline", LEFT, 25);
    g.setColor(new Color(0xdddddd));
    for (double decade = lowDecade; decade <= highDecade; decade++) {
      int y = y(Math.pow(10, decade), lowDecade, highDecade, plotHeight);
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT, y, LEFT + plotWidth, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(java.util.Locale.ROOT, "%,.0f", Math.pow(10, decade)), 10, y + 4);
    }
    for (int i = 0; i < Report.THREADS.length; i++) {
      int x = x(i, plotWidth);
      g.setColor(new Color(0xdddddd));
      g.drawLine(x, TOP, x, TOP + plotHeight);
      g.setColor(Color.BLACK);
      g.drawString(Integer.toString(Report.THREADS[i]), x - 3, TOP + plotHeight + 18);
    }
    g.drawString("threads", LEFT + plotWidth / 2 - 20, TOP + plotHeight + 40);
    g.drawRect(LEFT, TOP, plotWidth, plotHeight);

    int legend = TOP + 10;
    StoreKind[] kinds = StoreKind.values();
    for (int k = 0; k < kinds.length; k++) {
      g.setColor(COLOURS[k]);
      for (String benchmark : List.of(Report.CREATE, Report.RAW)) {
        boolean raw = benchmark.equals(Report.RAW);
        g.setStroke(raw ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {6, 5}, 0)
            : new BasicStroke(2.5f));
        List<int[]> points = new ArrayList<>();
        for (int i = 0; i < Report.THREADS.length; i++) {
          Optional<Results.Score> s = results.find(benchmark, kinds[k].id, Report.THREADS[i]);
          if (s.isPresent() && s.get().score() > 0) {
            points.add(new int[] {x(i, plotWidth), y(s.get().score(), lowDecade, highDecade, plotHeight)});
          }
        }
        for (int p = 1; p < points.size(); p++) {
          g.drawLine(points.get(p - 1)[0], points.get(p - 1)[1], points.get(p)[0], points.get(p)[1]);
        }
        for (int[] p : points) {
          g.fillOval(p[0] - 3, p[1] - 3, 6, 6);
        }
      }
      g.setStroke(new BasicStroke(2.5f));
      g.drawLine(LEFT + plotWidth + 15, legend, LEFT + plotWidth + 40, legend);
      g.setColor(Color.BLACK);
      g.drawString(kinds[k].id, LEFT + plotWidth + 48, legend + 4);
      legend += 22;
    }
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static int x(int index, int plotWidth) {
    return LEFT + 30 + index * (plotWidth - 60) / (Report.THREADS.length - 1);
  }

  private static int y(double value, double lowDecade, double highDecade, int plotHeight) {
    double fraction = (Math.log10(value) - lowDecade) / (highDecade - lowDecade);
    return TOP + plotHeight - (int) Math.round(fraction * plotHeight);
  }
}
