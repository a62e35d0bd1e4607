/** HTTP conventions: request ids, fallbacks, JSON, paging, parameters and the clock. */
package org.fingertip.platform.web;
