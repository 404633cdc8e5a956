import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;

/**
 * Draws the quickstart's sample evidence: alarm-ceiling.jpg (a smoke alarm on a ceiling), phone-alert.jpg (a phone
 * showing an alert) and signature.png (a pen stroke). They are drawings, not camera photos, so they carry no EXIF: the
 * server accepts them and flags the two JPEGs NO_EXIF, as it would a screenshot. Shapes only, no text, so no fonts are
 * needed. Run from the repository root with JDK 17: {@code java docs/quickstart/SampleImages.java docs/quickstart}
 */
public class SampleImages {
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : ".");
        Files.createDirectories(dir);
        write(alarmOnCeiling(), "jpg", dir.resolve("alarm-ceiling.jpg"));
        write(phoneAlert(), "jpg", dir.resolve("phone-alert.jpg"));
        write(signature(), "png", dir.resolve("signature.png"));
    }

    private static BufferedImage alarmOnCeiling() {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        g.setColor(new Color(0xE8E4DA));
        g.fillRect(0, 0, 320, 240);
        g.setColor(new Color(0xD2CCBF));
        for (int x = -240; x < 320; x += 40) {
            g.drawLine(x, 240, x + 240, 0);
        }
        g.setColor(new Color(0xF7F7F4));
        g.fillOval(110, 70, 100, 100);
        g.setColor(new Color(0xB9B9B2));
        g.setStroke(new BasicStroke(3));
        g.drawOval(110, 70, 100, 100);
        g.drawOval(135, 95, 50, 50);
        for (int i = 0; i < 8; i++) {
            double angle = Math.PI * i / 4;
            g.drawLine((int) (160 + 30 * Math.cos(angle)), (int) (120 + 30 * Math.sin(angle)),
                    (int) (160 + 42 * Math.cos(angle)), (int) (120 + 42 * Math.sin(angle)));
        }
        g.setColor(new Color(0xD83A2E));
        g.fillOval(178, 100, 9, 9);
        g.dispose();
        return image;
    }

    private static BufferedImage phoneAlert() {
        BufferedImage image = new BufferedImage(180, 320, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        g.setColor(new Color(0x2B2B2B));
        g.fillRect(0, 0, 180, 320);
        g.setColor(new Color(0xF2F2F2));
        g.fillRoundRect(10, 20, 160, 280, 12, 12);
        g.setColor(new Color(0xD83A2E));
        g.fillRoundRect(20, 40, 140, 70, 10, 10);
        g.setColor(Color.WHITE);
        Path2D bell = new Path2D.Double();
        bell.moveTo(90, 52);
        bell.curveTo(70, 55, 72, 80, 66, 92);
        bell.lineTo(114, 92);
        bell.curveTo(108, 80, 110, 55, 90, 52);
        g.fill(bell);
        g.fillOval(85, 92, 10, 8);
        g.setColor(new Color(0xBDBDBD));
        for (int y = 130; y < 280; y += 22) {
            g.fillRoundRect(22, y, 136 - (y % 3) * 20, 10, 5, 5);
        }
        g.dispose();
        return image;
    }

    private static BufferedImage signature() {
        BufferedImage image = new BufferedImage(300, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 300, 100);
        g.setColor(new Color(0x1A2A6C));
        g.setStroke(new BasicStroke(3, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D stroke = new Path2D.Double();
        stroke.moveTo(20, 70);
        stroke.curveTo(40, 10, 60, 90, 80, 40);
        stroke.curveTo(95, 10, 110, 80, 130, 50);
        stroke.curveTo(150, 20, 170, 85, 195, 45);
        stroke.curveTo(215, 15, 240, 75, 280, 55);
        g.draw(stroke);
        g.drawLine(30, 85, 270, 82);
        g.dispose();
        return image;
    }

    private static Graphics2D smooth(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    private static void write(BufferedImage image, String format, Path file) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no " + format + " writer");
        }
    }
}
