package org.fingertip.policy;

/** Life cycle of a policy: drafted, published (visible to citizens), archived (withdrawn). */
public enum PolicyStatus {
  DRAFT,
  PUBLISHED,
  ARCHIVED
}
