/** The reactive PostgreSQL pool and the limits that make it fail fast. */
package org.fingertip.platform.database;
