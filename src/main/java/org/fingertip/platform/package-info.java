/**
 * What every feature shares: problems (RFC 9457), the HTTP edge (request ids, fallbacks), the
 * clock, paging, idempotency, the region tree, the holiday calendar and object storage.
 */
package org.fingertip.platform;
