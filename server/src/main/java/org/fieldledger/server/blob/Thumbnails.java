package org.fieldledger.server.blob;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Small JPEG previews for the console's lists of evidence. The photo is decoded with subsampling, so a 48-megapixel
 * picture never sits in memory whole.
 */
final class Thumbnails {
    static final int MAX_EDGE = 320;

    private Thumbnails() {
    }

    /** A JPEG at most {@link #MAX_EDGE} pixels on its longer edge, or null when ImageIO cannot decode the format. */
    static byte[] of(InputStream photo) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(photo)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int step = Math.max(1, Math.max(width, height) / (MAX_EDGE * 2));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return jpeg(scale(reader.read(0, param)));
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage scale(BufferedImage image) {
        double factor = Math.min(1.0, (double) MAX_EDGE / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        // JPEG has no alpha: draw onto an opaque RGB canvas (white behind a transparent PNG).
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = scaled.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setColor(java.awt.Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            graphics.drawImage(image, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return scaled;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
