package dev.statestore.benchmarks.report;

import dev.statestore.benchmarks.load.Cell;
import dev.statestore.benchmarks.load.Measurement;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * Draws throughput against concurrency as a PNG with Java2D: one panel per value size, one line per series of
 * cells that differ in concurrency alone, both axes logarithmic and the same in every panel. The colour shows
 * the client and operation, a dashed line the blocking mode, and a line looks the same in every panel, so one
 * legend serves them all. Cells run at a single concurrency (bulk, token reuse) are left out.
 */
public final class ThroughputPlot {
    static final int WIDTH = 1200;
    static final int HEIGHT = 620;
    private static final int LEFT = 80;
    private static final int LEGEND_WIDTH = 320;
    private static final int PANEL_GAP = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf), new Color(0x000000), new Color(0xaec7e8),
    };
    private static final float[] DASH = {7f, 5f};

    private ThroughputPlot() {
    }

    /** A line of the plot: cells that differ in concurrency alone, in increasing concurrency. */
    record Series(String label, String colourKey, boolean dashed, String valueSize, List<Measurement> points) {
    }

    /** Groups measurements into series, dropping a group that has a single concurrency. */
    static List<Series> series(List<Measurement> measurements) {
        List<Series> result = new ArrayList<>();
        List<Measurement> remaining = new ArrayList<>(measurements);
        while (!remaining.isEmpty()) {
            Cell first = remaining.get(0).cell();
            List<Measurement> group = remaining.stream().filter(m -> m.cell().sameSeriesAs(first))
                    .sorted((a, b) -> Integer.compare(a.cell().concurrency(), b.cell().concurrency())).toList();
            remaining.removeAll(group);
            if (group.stream().map(m -> m.cell().concurrency()).distinct().count() > 1) {
                result.add(new Series(legendLabel(first), first.scenario() + " " + first.operation(),
                        first.mode().equals("blocking"), first.valueSize(), group));
            }
        }
        return result;
    }

    /** Draws the plot into {@code file} and returns the number of lines drawn over all panels. */
    public static int write(List<Measurement> measurements, Path file) {
        List<Series> series = series(measurements);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            draw(g, series);
        } finally {
            g.dispose();
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the plot " + file, e);
        }
        return series.size();
    }

    private static String legendLabel(Cell cell) {
        return cell.scenario() + " " + cell.operation() + " (" + cell.mode() + ")";
    }

    private static void draw(Graphics2D g, List<Series> series) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Throughput against concurrency (127.0.0.1, workerd with the simulated KV)", LEFT, 30);

        TreeSet<Integer> concurrencies = new TreeSet<>();
        double minimum = Double.MAX_VALUE;
        double maximum = 0;
        for (Series line : series) {
            for (Measurement m : line.points()) {
                concurrencies.add(m.cell().concurrency());
                if (m.throughput() > 0) {
                    minimum = Math.min(minimum, m.throughput());
                    maximum = Math.max(maximum, m.throughput());
                }
            }
        }
        if (concurrencies.isEmpty() || maximum <= 0) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            g.drawString("No cells were run at more than one concurrency.", LEFT, TOP + 20);
            return;
        }

        Map<String, Integer> colours = new LinkedHashMap<>();
        Map<String, Series> legend = new LinkedHashMap<>();
        for (Series line : series) {
            colours.putIfAbsent(line.colourKey(), colours.size());
            legend.putIfAbsent(line.label(), line);
        }
        List<String> sizes = new ArrayList<>(new LinkedHashSet<>(series.stream().map(Series::valueSize).toList()));
        int panelWidth = (WIDTH - LEFT - LEGEND_WIDTH - PANEL_GAP * (sizes.size() - 1)) / sizes.size();
        for (int i = 0; i < sizes.size(); i++) {
            String size = sizes.get(i);
            Axes axes = new Axes(LEFT + i * (panelWidth + PANEL_GAP), panelWidth, concurrencies.first(),
                    concurrencies.last(), minimum, maximum);
            drawAxes(g, axes, concurrencies, "value " + size, i == 0);
            for (Series line : series) {
                if (line.valueSize().equals(size)) {
                    drawLine(g, axes, line, colours.get(line.colourKey()));
                }
            }
        }
        drawLegend(g, legend.values(), colours);
    }

    private static void drawAxes(Graphics2D g, Axes axes, TreeSet<Integer> concurrencies, String title,
            boolean labelThroughput) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        int bottom = HEIGHT - BOTTOM;

        for (double decade = axes.lowDecade; decade <= axes.highDecade * 1.0001; decade *= 10) {
            for (int step = 1; step < 10; step++) {
                double value = decade * step;
                if (value > axes.highDecade * 1.0001) {
                    break;
                }
                int y = axes.y(value);
                g.setColor(step == 1 ? new Color(0xcccccc) : new Color(0xeeeeee));
                g.drawLine(axes.left, y, axes.left + axes.width, y);
                if (step == 1 && labelThroughput) {
                    String label = String.format(Locale.ROOT, "%,.0f", value);
                    g.setColor(Color.BLACK);
                    g.drawString(label, axes.left - 8 - metrics.stringWidth(label), y + 4);
                }
            }
        }
        for (int concurrency : concurrencies) {
            int x = axes.x(concurrency);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, TOP, x, bottom);
            String label = Integer.toString(concurrency);
            g.setColor(Color.BLACK);
            g.drawString(label, x - metrics.stringWidth(label) / 2, bottom + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(axes.left, TOP, axes.width, bottom - TOP);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, axes.left, TOP - 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("concurrency (log scale)", axes.left + axes.width / 2 - 60, bottom + 40);
        if (labelThroughput) {
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString("operations per second (log scale)", -bottom + 60, 18);
            rotated.dispose();
        }
    }

    private static void drawLine(Graphics2D g, Axes axes, Series series, int colour) {
        g.setColor(PALETTE[colour % PALETTE.length]);
        g.setStroke(stroke(series.dashed()));
        int previousX = -1;
        int previousY = -1;
        for (Measurement m : series.points()) {
            if (m.throughput() <= 0) {
                continue;
            }
            int x = axes.x(m.cell().concurrency());
            int y = axes.y(m.throughput());
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, x, y);
            }
            g.fillOval(x - 4, y - 4, 8, 8);
            previousX = x;
            previousY = y;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void drawLegend(Graphics2D g, Collection<Series> entries, Map<String, Integer> colours) {
        int x = WIDTH - LEGEND_WIDTH + 20;
        int y = TOP + 10;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (Series entry : entries) {
            g.setColor(PALETTE[colours.get(entry.colourKey()) % PALETTE.length]);
            g.setStroke(stroke(entry.dashed()));
            g.drawLine(x, y - 4, x + 30, y - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(entry.label(), x + 38, y);
            y += 22;
        }
    }

    private static Stroke stroke(boolean dashed) {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dashed ? DASH : null, 0f);
    }

    /** Maps concurrency and throughput to pixels of one panel on logarithmic axes. */
    private static final class Axes {
        final int left;
        final int width;
        final double lowConcurrency;
        final double highConcurrency;
        final double lowDecade;
        final double highDecade;

        Axes(int left, int width, int lowConcurrency, int highConcurrency, double minimum, double maximum) {
            this.left = left;
            this.width = width;
            this.lowConcurrency = lowConcurrency;
            this.highConcurrency = Math.max(highConcurrency, lowConcurrency + 1);
            this.lowDecade = Math.pow(10, Math.floor(Math.log10(minimum)));
            this.highDecade = Math.pow(10, Math.ceil(Math.log10(maximum * 1.0001)));
        }

        int x(int concurrency) {
            double share = Math.log(concurrency / lowConcurrency) / Math.log(highConcurrency / lowConcurrency);
            return (int) Math.round(left + 25 + share * (width - 50));
        }

        int y(double throughput) {
            double share = Math.log(throughput / lowDecade) / Math.log(highDecade / lowDecade);
            return (int) Math.round(HEIGHT - BOTTOM - share * (HEIGHT - BOTTOM - TOP));
        }
    }
}
