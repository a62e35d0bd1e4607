/** Marriage registration appointments: offices, slots, bookings, waitlists, check-in. */
package org.fingertip.marriage;
