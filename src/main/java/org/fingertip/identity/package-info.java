/** Citizens and staff: WeChat login, tokens, real-name binding, family proxies, PII protection. */
package org.fingertip.identity;
