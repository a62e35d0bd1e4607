/** The region tree (GB/T 2260 codes plus townships and villages). */
package org.fingertip.platform.region;
