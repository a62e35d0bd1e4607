package org.fingertip.platform.region;

/** Levels of the administrative division tree (GB/T 2260 plus township and village codes). */
public enum RegionLevel {
  PROVINCE,
  CITY,
  COUNTY,
  TOWNSHIP,
  VILLAGE
}
