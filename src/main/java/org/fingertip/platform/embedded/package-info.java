/**
 * Dev and test only: starts an embedded PostgreSQL and S3 server when no URL is configured. The
 * libraries it uses have Maven scope {@code provided}, so they are absent from the packaged app.
 */
package org.fingertip.platform.embedded;
