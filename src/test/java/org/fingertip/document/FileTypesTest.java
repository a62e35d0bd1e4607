package org.fingertip.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Magic bytes and declared types. */
class FileTypesTest {

  @Test
  void shouldRecogniseTheFourSupportedTypesByTheirFirstBytes() {
    assertThat(detect("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isEqualTo(FileTypes.PDF);
    assertThat(detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1}))
        .isEqualTo(FileTypes.JPEG);
    assertThat(detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A}))
        .isEqualTo(FileTypes.PNG);
    assertThat(detect(heic("ftypheic"))).isEqualTo(FileTypes.HEIC);
    assertThat(detect(heic("ftypmif1"))).isEqualTo(FileTypes.HEIC);
    assertThat(detect(heic("ftypmp42"))).isNull();
    assertThat(detect("GIF89a".getBytes(StandardCharsets.US_ASCII))).isNull();
    assertThat(detect(new byte[] {'%', 'P'})).isNull();
  }

  @Test
  void shouldCanonicaliseDeclaredTypesAndFallBackToTheFileName() {
    assertThat(FileTypes.declared("image/jpg", "a.jpg")).isEqualTo(FileTypes.JPEG);
    assertThat(FileTypes.declared("IMAGE/PNG; charset=binary", null)).isEqualTo(FileTypes.PNG);
    assertThat(FileTypes.declared("application/octet-stream", "scan.PDF")).isEqualTo(FileTypes.PDF);
    assertThat(FileTypes.declared(null, "photo.heic")).isEqualTo(FileTypes.HEIC);
    assertThat(FileTypes.declared(null, "noextension")).isNull();
    assertThat(FileTypes.declared("text/csv", "a.pdf")).isEqualTo("text/csv");
  }

  private static String detect(byte[] head) {
    return FileTypes.detect(head, head.length);
  }

  private static byte[] heic(String brand) {
    byte[] head = new byte[12];
    head[3] = 0x18;
    System.arraycopy(brand.getBytes(StandardCharsets.US_ASCII), 0, head, 4, 8);
    return head;
  }
}
