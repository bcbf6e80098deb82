package org.juju.agents.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * A PNG line chart of a {@link BenchReport}: total seconds of each phase against the number of
 * units N, one coloured line per phase, with a legend. Drawn with Java2D, works headless. N may be
 * on a logarithmic axis (powers of ten as ticks); seconds are linear from 0.
 */
public final class BenchChart {
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 55;

    private BenchChart() {
    }

    /** Writes the chart of {@code report} to {@code png}, {@code width} x {@code height} pixels. */
    public static void write(BenchReport report, Path png, int width, int height, boolean logScaleUnits) {
        System.setProperty("java.awt.headless", "true");
        try {
            ImageIO.write(render(report, width, height, logScaleUnits), "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    /** The chart as an image. */
    public static BufferedImage render(BenchReport report, int width, int height, boolean logScaleUnits) {
        Map<String, TreeMap<Integer, Double>> lines = new LinkedHashMap<>();
        for (BenchReport.Run run : report.runs()) {
            for (BenchReport.Phase phase : run.phases()) {
                lines.computeIfAbsent(phase.name(), n -> new TreeMap<>()).put(run.units(), phase.totalMillis() / 1000);
            }
        }
        int minUnits = report.runs().stream().mapToInt(BenchReport.Run::units).min().orElse(1);
        int maxUnits = report.runs().stream().mapToInt(BenchReport.Run::units).max().orElse(10);
        double maxSeconds = lines.values().stream().flatMap(l -> l.values().stream()).mapToDouble(d -> d).max().orElse(1);
        Axis x = logScaleUnits ? Axis.log(Math.max(minUnits, 1), Math.max(maxUnits, 10)) : Axis.linear(0, Math.max(maxUnits, 1));
        Axis y = Axis.linear(0, maxSeconds > 0 ? maxSeconds : 1);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int plotWidth = width - LEFT - RIGHT;
        int plotHeight = height - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics metrics = g.getFontMetrics();
        for (double tick : x.ticks()) {
            int px = LEFT + (int) Math.round(x.fraction(tick) * plotWidth);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(px, TOP, px, TOP + plotHeight);
            g.setColor(Color.BLACK);
            String label = Axis.label(tick);
            g.drawString(label, px - metrics.stringWidth(label) / 2, TOP + plotHeight + 15);
        }
        for (double tick : y.ticks()) {
            int py = TOP + plotHeight - (int) Math.round(y.fraction(tick) * plotHeight);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, py, LEFT + plotWidth, py);
            g.setColor(Color.BLACK);
            String label = Axis.label(tick);
            g.drawString(label, LEFT - 6 - metrics.stringWidth(label), py + 4);
        }
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        String xTitle = logScaleUnits ? "units N (log scale)" : "units N";
        g.drawString(xTitle, LEFT + (plotWidth - metrics.stringWidth(xTitle)) / 2, height - 12);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString("total seconds", -(TOP + plotHeight / 2 + metrics.stringWidth("total seconds") / 2), 16);
        g.setTransform(saved);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("juju-bench: phase time against N", LEFT, TOP - 15);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setStroke(new BasicStroke(2f));
        int index = 0;
        for (Map.Entry<String, TreeMap<Integer, Double>> line : lines.entrySet()) {
            g.setColor(COLOURS[index % COLOURS.length]);
            int[] previous = null;
            for (Map.Entry<Integer, Double> point : line.getValue().entrySet()) {
                int px = LEFT + (int) Math.round(x.fraction(point.getKey()) * plotWidth);
                int py = TOP + plotHeight - (int) Math.round(y.fraction(point.getValue()) * plotHeight);
                g.fillOval(px - 3, py - 3, 7, 7);
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], px, py);
                }
                previous = new int[] {px, py};
            }
            int legendY = TOP + 15 + index * 15;
            g.drawLine(LEFT + 10, legendY - 4, LEFT + 30, legendY - 4);
            g.drawString(line.getKey(), LEFT + 35, legendY);
            index++;
        }
        g.dispose();
        return image;
    }

    /** Maps values to [0, 1] along one axis. */
    private record Axis(double min, double max, boolean log) {
        static Axis linear(double min, double max) {
            return new Axis(min, niceCeiling(max), false);
        }

        static Axis log(double min, double max) {
            return new Axis(Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max))), true);
        }

        double fraction(double value) {
            if (log) {
                return (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
            }
            return (value - min) / (max - min);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double t = min; t <= max * 1.0001; t *= 10) {
                    ticks.add(t);
                }
            } else {
                for (int i = 0; i <= 5; i++) {
                    ticks.add(min + (max - min) * i / 5);
                }
            }
            return ticks;
        }

        /** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least {@code value}. */
        static double niceCeiling(double value) {
            double power = Math.pow(10, Math.floor(Math.log10(value)));
            for (double step : new double[] {1, 2, 2.5, 5, 10}) {
                if (step * power >= value) {
                    return step * power;
                }
            }
            return 10 * power;
        }

        static String label(double value) {
            return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value) : String.format(Locale.ROOT, "%.1f", value);
        }
    }
}
