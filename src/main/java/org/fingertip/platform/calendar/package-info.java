/** The State Council holiday calendar and working-day arithmetic. */
package org.fingertip.platform.calendar;
