package dev.statestore.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThroughputPlotTest {

    @TempDir
    Path folder;

    @Test
    void seriesNeedMoreThanOneConcurrency() {
        List<ThroughputPlot.Series> series = ThroughputPlot.series(ReportFixtures.run());

        assertEquals(1, series.size(), "only provider get async runs at several concurrencies");
        assertEquals("provider get (async)", series.get(0).label());
        assertEquals("100 B", series.get(0).valueSize());
        assertEquals(List.of(1, 16, 64), series.get(0).points().stream().map(m -> m.cell().concurrency()).toList());
    }

    @Test
    void pngIsWrittenWithTheSeriesColour() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path file = folder.resolve("plot.png");

        int lines = ThroughputPlot.write(ReportFixtures.run(), file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(1, lines);
        assertEquals(ThroughputPlot.WIDTH, image.getWidth());
        assertEquals(ThroughputPlot.HEIGHT, image.getHeight());
        assertTrue(countColour(image, 0x1f77b4) > 100, "the first series is drawn in the first palette colour");
    }

    @Test
    void emptyRunStillGivesAnImage() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path file = folder.resolve("empty.png");

        int lines = ThroughputPlot.write(List.of(), file);

        assertEquals(0, lines);
        assertEquals(ThroughputPlot.WIDTH, ImageIO.read(file.toFile()).getWidth());
    }

    private static int countColour(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y) & 0xFFFFFF;
                if (pixel == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
