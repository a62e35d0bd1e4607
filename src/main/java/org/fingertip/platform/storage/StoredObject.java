package org.fingertip.platform.storage;

/** What the store holds under a key: size in bytes, hex SHA-256 and content type. */
public record StoredObject(String key, long size, String sha256, String contentType) {}
