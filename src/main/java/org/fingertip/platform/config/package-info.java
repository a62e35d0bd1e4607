/** Configuration every feature relies on and production must supply. */
package org.fingertip.platform.config;
