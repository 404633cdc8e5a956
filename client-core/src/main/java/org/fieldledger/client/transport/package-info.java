/**
 * The HTTP port: {@link org.fieldledger.client.transport.Transport}, with
 * {@link org.fieldledger.client.transport.UrlConnectionTransport} as the default.
 */
package org.fieldledger.client.transport;
