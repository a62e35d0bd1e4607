/** Eligibility checks (政策找人): household facts, rules as data, the pure rule engine. */
package org.fingertip.policy.eligibility;
