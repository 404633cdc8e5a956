package org.fieldledger.cli;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small real images for the tests: client-core and the server refuse bytes that are not an image. */
final class TestImages {
    private TestImages() {
    }

    /** A JPEG (or PNG, by the name's extension) whose pixels depend on {@code seed}, so each seed has its own hash. */
    static Path write(Path file, String seed) throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        int hash = seed.hashCode();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, new Color((hash >>> 16 ^ x * 4) & 0xff, (hash >>> 8 ^ y * 5) & 0xff,
                        (hash ^ x * y) & 0xff).getRGB());
            }
        }
        String name = file.getFileName().toString();
        if (!ImageIO.write(image, name.endsWith(".png") ? "png" : "jpg", file.toFile())) {
            throw new IOException("no image writer for " + name);
        }
        return file;
    }
}
