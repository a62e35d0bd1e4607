/** Policies and standards by region, Chinese search, and eligibility checks (政策找人). */
package org.fingertip.policy;
