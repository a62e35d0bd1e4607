/** Leases that let one instance at a time run a job that has no rows of its own to claim. */
package org.fingertip.platform.jobs;
