package dev.shard.runtime.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardsTest {

    @Test
    void contiguousBlocksCoverEveryItemOnceWithAShorterLastBlock() {
        Shards shards = Shards.contiguous(10, 4);
        assertEquals(3, shards.count());
        assertEquals(4, shards.blockSize());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), items(shards));
        assertEquals(2, shards.get(2).size());
    }

    @Test
    void stridedShardsInterleave() {
        Shards shards = Shards.strided(10, 3);
        assertEquals(List.of(1L, 4L, 7L), itemsOf(shards.get(1)));
        assertEquals(4, shards.get(0).size());
        assertEquals(7, shards.get(1).item(2));
        assertEquals(10, items(shards).size());
    }

    @Test
    void explicitIndexListsAreCopied() {
        long[] first = {5, 1, 9};
        Shards shards = Shards.indices(first, new long[] {2});
        first[0] = 99;
        assertArrayEquals(new long[] {5, 1, 9}, shards.get(0).indices());
        assertEquals(List.of(2L), itemsOf(shards.get(1)));
    }

    @Test
    void tilesCoverANonSquareMatrix() {
        Shards tiles = Shards.tiles(5, 3, 2, 2);
        assertEquals(6, tiles.count());
        long cells = 0;
        for (int id = 0; id < tiles.count(); id++) {
            cells += tiles.get(id).size();
        }
        assertEquals(15, cells);
        Shard last = tiles.get(5);
        assertEquals(4, last.start());
        assertEquals(5, last.end());
        assertEquals(2, last.columnStart());
        assertEquals(3, last.columnEnd());
        UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class, () -> last.item(0));
        assertTrue(error.getMessage().contains("is a tile of rows [4, 5) and columns [2, 3)"), error.getMessage());
    }

    @Test
    void autoGivesSeveralShardsPerWorkerAndCoversEverything() {
        Shards shards = Shards.auto(1_000, 2);
        assertEquals(8, shards.count());
        assertEquals(1_000, items(shards).size());
        assertEquals(1, Shards.auto(3, 2).blockSize());
    }

    @Test
    void badLayoutsAreRefusedWithTheValue() {
        assertEquals("number of items must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> Shards.contiguous(0, 1)).getMessage());
        assertEquals("block size must be positive, got -2",
                assertThrows(IllegalArgumentException.class, () -> Shards.contiguous(5, -2)).getMessage());
        assertEquals("shard 3 of 3 shards",
                assertThrows(IndexOutOfBoundsException.class, () -> Shards.contiguous(10, 4).get(3)).getMessage());
    }

    @Test
    void everyLayoutIsOneOfFourRecordsThatASwitchCoversWithoutDefault() {
        List<Shards> layouts = List.of(Shards.contiguous(10, 4), Shards.strided(10, 3),
                Shards.indices(new long[] {5, 1}), Shards.tiles(5, 3, 2, 2), Shards.auto(1_000, 2));
        List<String> kinds = layouts.stream().map(ShardsTest::kind).toList();
        assertEquals(List.of("contiguous 4", "strided 3", "indexed 1", "tiled 2x2", "contiguous 125"), kinds);
        assertEquals(Shards.indices(new long[] {5, 1}), Shards.indices(new long[] {5, 1}));
        assertEquals("7 contiguous shards of 143 over 1000 items", Shards.contiguous(1_000, 143).toString());
    }

    @Test
    void recordsBuiltDirectlyAreCheckedLikeTheFactories() {
        assertEquals("block size must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> new ContiguousShards(5, 0)).getMessage());
        assertEquals("shard count must be between 1 and the 3 items, got 4",
                assertThrows(IllegalArgumentException.class, () -> new StridedShards(3, 4)).getMessage());
        assertEquals("index list 0 is null",
                assertThrows(IllegalArgumentException.class, () -> new IndexedShards(new long[][] {null}))
                        .getMessage());
        assertEquals(3, Shards.strided(3, 8).count());
    }

    /** Exhaustive over the sealed layouts: a new layout breaks compilation here. */
    private static String kind(Shards shards) {
        return switch (shards) {
            case ContiguousShards contiguous -> "contiguous " + contiguous.blockSize();
            case StridedShards strided -> "strided " + strided.count();
            case IndexedShards indexed -> "indexed " + indexed.count();
            case TiledShards tiled -> "tiled " + tiled.tileRows() + "x" + tiled.tileColumns();
        };
    }

    private static List<Long> items(Shards shards) {
        List<Long> all = new ArrayList<>();
        for (int id = 0; id < shards.count(); id++) {
            all.addAll(itemsOf(shards.get(id)));
        }
        all.sort(Long::compare);
        return all;
    }

    private static List<Long> itemsOf(Shard shard) {
        List<Long> items = new ArrayList<>();
        shard.forEach(items::add);
        return items;
    }
}
