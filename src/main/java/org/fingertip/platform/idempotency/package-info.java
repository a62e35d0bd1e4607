/** Idempotency-Key handling for creating POSTs, stored in PostgreSQL. */
package org.fingertip.platform.idempotency;
