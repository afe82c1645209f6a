package io.rslc.internal.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.internal.warehouse.HeapSpread.Stretch;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Interleaving of slices in the heap, against a brute-force count, and tuple ids as PostgreSQL prints them. */
class HeapSpreadTest {

    @Test
    void tupleIdsOrderByBlockThenOffset() {
        assertThat(HeapSpread.tid("(0,1)")).isLessThan(HeapSpread.tid("(0,2)"));
        assertThat(HeapSpread.tid("(0,65535)")).isLessThan(HeapSpread.tid("(1,1)"));
        assertThat(HeapSpread.tid("(4294967295,7)")).isEqualTo((0xFFFF_FFFFL << 16) | 7);
        for (String bad : new String[] {null, "", "(1)", "1,2", "(a,b)", "(-1,2)", "(1,70000)"}) {
            assertThatThrownBy(() -> HeapSpread.tid(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void appendOnlySlicesOverlapOnlyAtTheirEdges() {
        assertThat(maxOverlap(List.of())).isZero();
        assertThat(maxOverlap(List.of(new Stretch(0, 10, 1), new Stretch(11, 20, 1), new Stretch(21, 30, 1))))
                .isEqualTo(1);
        assertThat(maxOverlap(List.of(new Stretch(0, 10, 1), new Stretch(8, 20, 1), new Stretch(19, 30, 1))))
                .isEqualTo(2);
        // one late row of the first slice at the end of the heap: it spans every later slice
        assertThat(maxOverlap(List.of(new Stretch(0, 100, 1), new Stretch(11, 20, 1), new Stretch(21, 30, 1))))
                .isEqualTo(2);
    }

    @Property(tries = 500)
    void maxOverlapIsTheMostStretchesCoveringOneTuple(@ForAll("stretches") List<Stretch> stretches) {
        int brute = 0;
        for (Stretch at : stretches) {
            long point = at.first();
            brute = Math.max(brute, (int) stretches.stream()
                    .filter(s -> s.first() <= point && point <= s.last()).count());
        }
        assertThat(maxOverlap(stretches)).isEqualTo(brute);
    }

    @Property(tries = 500)
    void overlapRowsAreTheMostRowsOfStretchesCoveringOneTuple(@ForAll("counted") List<Stretch> stretches) {
        long brute = 0;
        for (Stretch at : stretches) {
            long point = at.first();
            brute = Math.max(brute, stretches.stream().filter(s -> s.first() <= point && point <= s.last())
                    .mapToLong(Stretch::rows).sum());
        }
        assertThat(HeapSpread.overlap(stretches).rows()).isEqualTo(brute);
    }

    @Provide
    Arbitrary<List<Stretch>> counted() {
        Arbitrary<Stretch> one = Arbitraries.longs().between(0, 200).flatMap(first ->
                Arbitraries.longs().between(0, 60).flatMap(len -> Arbitraries.longs().between(1, 10_000)
                        .map(rows -> new Stretch(first, first + len, rows))));
        return one.list().ofMaxSize(40).map(ArrayList::new);
    }

    @Provide
    Arbitrary<List<Stretch>> stretches() {
        Arbitrary<Stretch> one = Arbitraries.longs().between(0, 200).flatMap(first ->
                Arbitraries.longs().between(0, 60).map(len -> new Stretch(first, first + len, 1)));
        return one.list().ofMaxSize(40).map(ArrayList::new);
    }

    /** The most stretches that overlap at any point of the heap. */
    static int maxOverlap(List<Stretch> stretches) {
        return HeapSpread.overlap(stretches).stretches();
    }
}
