/** RFC 9457 problems: the domain exception and the one mapper family. */
package org.fingertip.platform.problem;
