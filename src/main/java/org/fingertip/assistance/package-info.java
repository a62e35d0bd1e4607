/** Assistance catalog and applications (指尖办) with the review workflow. */
package org.fingertip.assistance;
