package org.fingertip.marriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The published draw algorithm, as a pure function. */
class LotteryDrawTest {

  private static final String SEED =
      "7f3c2a9d1e5b4c6a8f0e2d4c6b8a0f1e3d5c7b9a1f2e4d6c8b0a2f4e6d8c0b1a";

  private static List<UUID> ids(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> UUID.nameUUIDFromBytes(("entry-" + i).getBytes()))
        .toList();
  }

  @Test
  void shouldOrderBySha256OfSeedColonEntryId() {
    // SHA-256("abc") is the FIPS 180-2 test vector
    assertThat(LotteryDraw.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    UUID id = UUID.fromString("00000000-0000-4000-8000-000000000001");
    assertThat(LotteryDraw.key(SEED, id)).isEqualTo(LotteryDraw.sha256Hex(SEED + ":" + id));
    List<UUID> order = LotteryDraw.order(SEED, ids(50));
    for (int i = 1; i < order.size(); i++) {
      assertThat(LotteryDraw.key(SEED, order.get(i - 1)))
          .isLessThan(LotteryDraw.key(SEED, order.get(i)));
    }
  }

  @Test
  void shouldNotDependOnTheOrderEntriesArriveInButOnTheSeed() {
    List<UUID> entries = new ArrayList<>(ids(30));
    List<UUID> first = LotteryDraw.order(SEED, entries);
    Collections.reverse(entries);
    assertThat(LotteryDraw.order(SEED, entries)).containsExactlyElementsOf(first);
    Collections.shuffle(entries);
    assertThat(LotteryDraw.order(SEED, entries)).containsExactlyElementsOf(first);
    assertThat(LotteryDraw.order(LotteryDraw.newSeed(), entries))
        .containsExactlyInAnyOrderElementsOf(first)
        .isNotEqualTo(first);
  }

  @Test
  void shouldMakeFreshSecretSeedsWithAPublishableCommitment() {
    String seed = LotteryDraw.newSeed();
    assertThat(seed).matches("[0-9a-f]{64}").isNotEqualTo(LotteryDraw.newSeed());
    assertThat(LotteryDraw.sha256Hex(seed)).matches("[0-9a-f]{64}").isNotEqualTo(seed);
  }
}
