package org.fieldledger.client;

/** Where a photo attached on this device stands on its way to the server. */
public enum PhotoUploadState {
    /** Waiting: for its visit to be accepted, or for the next sync. */
    PENDING,
    /** Being sent right now. */
    UPLOADING,
    /** The server confirmed it holds the photo; the device's copy has been deleted. */
    UPLOADED,
    /** The server refused it for good (not an image, too large, damaged); {@link LocalPhoto#error()} says why. */
    FAILED
}
