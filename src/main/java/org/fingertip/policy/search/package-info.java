/** Chinese search for policies: CJK bigram lexemes, synonym expansion, highlighting. */
package org.fingertip.policy.search;
