package org.watchroom.core.detect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NmsTest {
    private static final int PERSON = 0;
    private static final int CAR = 2;

    private final Candidates candidates = new Candidates();
    private final Nms nms = new Nms();

    @Test
    void overlappingBoxesOfDifferentClassesBothSurvive() {
        int person = candidates.add(100, 100, 200, 300, 0.9f, PERSON);
        int car = candidates.add(110, 120, 210, 310, 0.8f, CAR); // IoU ≈ 0.8 with the person

        nms.run(candidates, 0.45f, 0);

        assertThat(kept()).containsExactly(person, car);
    }

    @Test
    void overlappingBoxesOfTheSameClassCollapseToTheBest() {
        candidates.add(110, 120, 210, 310, 0.7f, PERSON);
        int best = candidates.add(100, 100, 200, 300, 0.9f, PERSON);
        int apart = candidates.add(400, 100, 500, 300, 0.5f, PERSON);

        nms.run(candidates, 0.45f, 0);

        assertThat(kept()).containsExactly(best, apart);
    }

    @Test
    void overlapBelowTheThresholdKeepsBoth() {
        int a = candidates.add(0, 0, 100, 100, 0.9f, PERSON);
        int b = candidates.add(60, 0, 160, 100, 0.8f, PERSON); // IoU 40/160 = 0.25

        nms.run(candidates, 0.45f, 0);

        assertThat(kept()).containsExactly(a, b);
    }

    @Test
    void smallAndEmptyBoxesAreDropped() {
        int big = candidates.add(0, 0, 100, 100, 0.5f, PERSON);
        candidates.add(200, 200, 205, 205, 0.9f, PERSON); // 25 px²
        candidates.add(300, 300, 300, 350, 0.9f, CAR);    // zero width

        nms.run(candidates, 0.45f, 100);

        assertThat(kept()).containsExactly(big);
    }

    @Test
    void manyCandidatesGrowTheWorkArrays() {
        for (int i = 0; i < 1000; i++) {
            candidates.add(i * 20, 0, i * 20 + 10, 10, i / 1000f, PERSON);
        }
        nms.run(candidates, 0.45f, 0);
        assertThat(nms.count()).isEqualTo(1000);
        assertThat(nms.kept(0)).isEqualTo(999);
    }

    private int[] kept() {
        int[] kept = new int[nms.count()];
        for (int k = 0; k < kept.length; k++) {
            kept[k] = nms.kept(k);
        }
        return kept;
    }
}
