package org.fieldledger.server.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.visit.PhotoRef;

/**
 * Photos as a phone takes them: small real JPEGs, with the EXIF capture time (local wall time, as cameras write it) and
 * GPS position a test asks for, written with commons-imaging.
 */
final class TestPhotos {
    static final ZoneId OFFICES = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private TestPhotos() {
    }

    /** A JPEG whose pixels depend on {@code label}, without EXIF. */
    static byte[] plainJpeg(String label) {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(label.hashCode() & 0xFFFFFF));
        graphics.fillRect(0, 0, 96, 64);
        graphics.setColor(Color.WHITE);
        graphics.drawString(label, 4, 32);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG with EXIF: the capture time (null: none) and GPS position (null: none). */
    static byte[] jpeg(String label, Instant takenAt, GeoPoint where) {
        try {
            TiffOutputSet exif = new TiffOutputSet();
            exif.getOrCreateRootDirectory().add(org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants
                    .TIFF_TAG_MAKE, "FieldLedgerTestCam");
            if (takenAt != null) {
                exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL,
                        EXIF_TIME.format(takenAt.atZone(OFFICES)));
            }
            if (where != null) {
                exif.setGpsInDegrees(where.longitude(), where.latitude());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(plainJpeg(label), out, exif);
            return out.toByteArray();
        } catch (ImagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG followed by {@code padding} bytes after its end marker: a big file that is still an image. */
    static byte[] largeJpeg(String label, int padding) {
        byte[] jpeg = plainJpeg(label);
        byte[] large = java.util.Arrays.copyOf(jpeg, jpeg.length + padding);
        new java.util.Random(label.hashCode()).nextBytes(large);
        System.arraycopy(jpeg, 0, large, 0, jpeg.length);
        return large;
    }

    static byte[] notAnImage() {
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
        for (int i = 0; i < 2000; i++) {
            pdf.append("1 0 obj << /Type /Catalog >> endobj\n");
        }
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static PhotoRef ref(byte[] bytes) {
        return new PhotoRef(sha256(bytes));
    }
}
