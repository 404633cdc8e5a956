/**
 * Not API. The device library's implementation, by feature: {@code store} (schema, migrations, record stores),
 * {@code outbox} (the sequenced queue of mutations), {@code record} (what an inspector records), {@code sync} (push,
 * pull, back-off) and {@code auth} (login, refresh, authorised calls). Classes here are public only so the packages can
 * reach each other; apps must not use them, and they change without notice.
 */
package org.fieldledger.client.internal;
