package org.fieldledger.client;

import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.VisitId;

/**
 * Follows photo uploads during {@link FieldDevice#sync}, for a progress bar. Called on the syncing thread after each
 * chunk the server acknowledged; keep it short and post to the UI thread yourself.
 */
public interface PhotoUploadListener {
    /**
     * @param visit the visit the photo belongs to (the first one, when a photo is attached to several)
     * @param sentBytes how much the server holds now; equals {@code totalBytes} once the photo is confirmed
     */
    void onProgress(VisitId visit, PhotoRef photo, long sentBytes, long totalBytes);
}
