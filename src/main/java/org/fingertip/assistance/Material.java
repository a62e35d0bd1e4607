package org.fingertip.assistance;

import java.util.List;

/**
 * A document an item asks for: its type code (e.g. {@code ID_CARD}), name, whether it must be there
 * before submission, and the file types accepted for it.
 */
public record Material(
    String type, String name, boolean mandatory, List<String> acceptedTypes, String note) {

  public boolean accepts(String contentType) {
    return acceptedTypes != null && acceptedTypes.contains(contentType);
  }
}
