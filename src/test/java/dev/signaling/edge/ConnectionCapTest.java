package dev.signaling.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default connection cap is what half of the heap holds, 10 KiB a connection on the JVM and 20 KiB in the native
 * image, never above 16,000: the pod sizes of docs/benchmarks.md items 24-25 with the images' heap shares (60 %).
 */
class ConnectionCapTest {
    private static final long MIB = 1024 * 1024;

    @ParameterizedTest(name = "{0} MiB of heap, native {1}: {2}")
    @CsvSource({
            // the native image at 512 MiB (heap 307 MiB): about 7,800; 15,800 collapsed under load there
            "307, true, 7859",
            // the native image at 1 GiB (heap 614 MiB) and the JVM image at 512 MiB: about 15,700
            "614, true, 15718",
            "307, false, 15718",
            // a small pod: the native image at 256 MiB
            "153, true, 3916",
            // plenty of heap: the open-file bound
            "1024, false, 16000",
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
