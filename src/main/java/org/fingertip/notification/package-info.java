/** Notifications: the transactional outbox, in-app inbox and WeChat subscribe messages. */
package org.fingertip.notification;
