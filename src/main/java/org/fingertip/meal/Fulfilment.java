package org.fingertip.meal;

/** How the elder gets the meal: at the counter, or delivered home (送餐上门). */
public enum Fulfilment {
  PICKUP,
  DELIVERY
}
