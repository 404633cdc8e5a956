/**
 * The sync protocol's wire format (docs/protocol.md), compiled by both the device library and the server.
 *
 * <p>Push: a {@link org.fieldledger.model.sync.PushRequest} of {@link org.fieldledger.model.sync.Mutation}s, each with
 * a device-minted id, the device's next sequence number, an {@link org.fieldledger.model.sync.Hlc} stamp and a typed
 * payload; answered by a {@link org.fieldledger.model.sync.PushResponse}. Pull: pages of
 * {@link org.fieldledger.model.sync.Change}s after an opaque cursor ({@link org.fieldledger.model.sync.PullResponse}).
 * {@link org.fieldledger.model.sync.WireJson} is the only JSON codec of these types; every record validates itself at
 * construction, so what one side can build the other can read.
 */
package org.fieldledger.model.sync;
