package it.com.routingml;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a screenshot small enough to commit: an 8-bit palette of the 256 most frequent colours,
 * every other colour drawn as its nearest palette colour. A console page has a few flat colours
 * and the anti-aliasing around text, so the picture stays sharp at a third of the size.
 */
final class Png {

    private Png() {
    }

    static byte[] indexed(byte[] png) throws IOException {
        BufferedImage in = ImageIO.read(new ByteArrayInputStream(png));
        int w = in.getWidth();
        int h = in.getHeight();
        int[] rgb = in.getRGB(0, 0, w, h, null, 0, w);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int p : rgb) {
            counts.merge(p & 0xFFFFFF, 1, Integer::sum);
        }
        List<Integer> palette = counts.entrySet().stream()
                .sorted(Map.Entry.<Integer, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(256).map(Map.Entry::getKey).toList();
        byte[] r = new byte[palette.size()];
        byte[] g = new byte[palette.size()];
        byte[] b = new byte[palette.size()];
        for (int i = 0; i < palette.size(); i++) {
            r[i] = (byte) (palette.get(i) >> 16);
            g[i] = (byte) (palette.get(i) >> 8);
            b[i] = (byte) (int) palette.get(i);
        }
        Map<Integer, Integer> nearest = new HashMap<>();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, palette.size(), r, g, b));
        WritableRaster raster = out.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setSample(x, y, 0, nearest.computeIfAbsent(rgb[y * w + x] & 0xFFFFFF, c -> closest(c, palette)));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }

    private static int closest(int c, List<Integer> palette) {
        int best = 0;
        long bestD = Long.MAX_VALUE;
        for (int i = 0; i < palette.size(); i++) {
            int p = palette.get(i);
            long dr = ((c >> 16) & 255) - ((p >> 16) & 255);
            long dg = ((c >> 8) & 255) - ((p >> 8) & 255);
            long db = (c & 255) - (p & 255);
            long d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
