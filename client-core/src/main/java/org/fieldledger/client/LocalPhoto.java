package org.fieldledger.client;

import java.util.Objects;
import org.fieldledger.model.visit.PhotoRef;

/**
 * A photo attached to a visit on this device.
 *
 * @param contentType the image type its bytes show (image/jpeg, image/png, image/heic, image/webp)
 * @param uploadedBytes how much of it the server has, as last heard
 * @param error why the last attempt failed (a refusal when FAILED, a network error while PENDING), else null
 */
public record LocalPhoto(PhotoRef ref, String questionId, long size, String contentType, PhotoUploadState state,
                         long uploadedBytes, String error) {
    public LocalPhoto {
        Objects.requireNonNull(ref, "photo");
        Objects.requireNonNull(state, "state");
    }
}
