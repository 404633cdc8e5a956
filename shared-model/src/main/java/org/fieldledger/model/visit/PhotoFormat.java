package org.fieldledger.model.visit;

/**
 * The image formats accepted as photo evidence, recognised by their first bytes rather than by a file name or a
 * declared content type, which a device or a client may get wrong. Device and server sniff with this one table.
 */
public enum PhotoFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    HEIC("image/heic"),
    WEBP("image/webp");

    /** Enough leading bytes to tell every format apart. */
    public static final int SNIFF_BYTES = 12;

    private final String mediaType;

    PhotoFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format the leading bytes announce, or null when they are not one of ours. */
    public static PhotoFormat sniff(byte[] head, int length) {
        if (length >= 3 && u(head[0]) == 0xFF && u(head[1]) == 0xD8 && u(head[2]) == 0xFF) {
            return JPEG;
        }
        if (length >= 8 && u(head[0]) == 0x89 && ascii(head, 1, "PNG") && u(head[4]) == 0x0D && u(head[5]) == 0x0A
                && u(head[6]) == 0x1A && u(head[7]) == 0x0A) {
            return PNG;
        }
        if (length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return WEBP;
        }
        // ISO base media file: a box of type 'ftyp' whose major brand is one of HEIF's (ISO/IEC 23008-12 §10.2).
        if (length >= 12 && ascii(head, 4, "ftyp")) {
            for (String brand : new String[] {"heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"}) {
                if (ascii(head, 8, brand)) {
                    return HEIC;
                }
            }
        }
        return null;
    }

    private static int u(byte b) {
        return b & 0xFF;
    }

    private static boolean ascii(byte[] bytes, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (bytes[at + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
