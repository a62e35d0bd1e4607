/** Encryption of personal data at rest and blind indexes. */
package org.fingertip.platform.crypto;
