package org.fingertip.identity.proxy;

/**
 * What a proxy may do for its subject. Marriage is never delegated: both partners act themselves.
 */
public enum ProxyScope {
  APPLY_ASSISTANCE,
  ORDER_MEALS,
  VIEW_STATUS
}
