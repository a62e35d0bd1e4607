/** Fingertip: civil-affairs self-service backend. One package per feature, plus platform. */
package org.fingertip;
