/**
 * Saved household facts (政策找人 with consent, encrypted) and the job that tells a citizen when a
 * standard or rule change makes their household newly eligible for an item.
 */
package org.fingertip.policy.household;
