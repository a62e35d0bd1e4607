/** Standards (amounts in fen, factors) by region and date, and the region-inheritance rule. */
package org.fingertip.policy.standard;
