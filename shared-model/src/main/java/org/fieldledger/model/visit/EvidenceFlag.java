package org.fieldledger.model.visit;

/**
 * Why a supervisor should look twice at a visit's photo. The server raises these; none of them refuses the visit, since
 * a flag is a question for a person, not a verdict (docs/photos.md).
 */
public enum EvidenceFlag {
    /** The EXIF capture time lies outside the visit's start and submission, with the configured tolerance. */
    EXIF_TIME_MISMATCH,
    /** The EXIF position is farther from the site than the configured distance. */
    EXIF_LOCATION_MISMATCH,
    /** The photo carries no EXIF capture time: a screenshot, an edited or a forwarded picture. */
    NO_EXIF,
    /** The photo has EXIF but no GPS position. */
    NO_EXIF_LOCATION,
    /** The same photo (same SHA-256) is evidence in visits of different sites. */
    REUSED_ACROSS_SITES
}
