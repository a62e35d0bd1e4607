/** Object storage through the MinIO client, and its readiness check. */
package org.fingertip.platform.storage;
