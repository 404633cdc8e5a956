/**
 * The Field Ledger device library: {@link org.fieldledger.client.FieldDevice} and the values it returns. An app
 * records offline and calls {@link org.fieldledger.client.FieldDevice#sync} when a network appears; see
 * docs/client-core.md. This package, {@code store} (the SQL port) and {@code transport} (the HTTP port) are the public
 * API; everything under {@code internal} may change in any release and must not be used by apps.
 */
package org.fieldledger.client;
