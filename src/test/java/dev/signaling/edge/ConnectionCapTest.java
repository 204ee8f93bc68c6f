package dev.signaling.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default connection cap is what half of the heap holds, 8 KiB a connection on the JVM and 16 KiB in the native
 * image, never above 16,000: the pod sizes of docs/benchmarks.md items 24-25 and 40 with the images' heap shares
 * (60 %).
 */
class ConnectionCapTest {
    private static final long MIB = 1024 * 1024;

    @ParameterizedTest(name = "{0} MiB of heap, native {1}: {2}")
    @CsvSource({
            // the native image at 512 MiB (heap 307 MiB): about 9,800, which came through the overload of item 40;
            // 15,800 collapsed under load there (item 25)
            "307, true, 9824",
            // a JVM heap of 153 MiB: about 9,800 as well (the JVM image itself needs 512 MiB or more, item 40)
            "153, false, 9792",
            // a small pod: the native image at 256 MiB
            "153, true, 4896",
            // the native image at 1 GiB (heap 614 MiB), the JVM image at 512 MiB, plenty of heap: the open-file bound
            "614, true, 16000",
            "307, false, 16000",
            "6144, true, 16000",
    })
    void halfOfTheHeapAtMostSixteenThousand(long heapMib, boolean nativeImage, int cap) {
        assertThat(ConnectionCap.forHeap(heapMib * MIB, nativeImage)).isEqualTo(cap);
    }

    @ParameterizedTest(name = "native {0}")
    @CsvSource({"true", "false"})
    void noHeapLimitMeansTheOpenFileBound(boolean nativeImage) {
        assertThat(ConnectionCap.forHeap(Long.MAX_VALUE, nativeImage)).isEqualTo(ConnectionCap.MOST);
    }
}
