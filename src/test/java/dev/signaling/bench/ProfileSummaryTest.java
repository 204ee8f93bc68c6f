package dev.signaling.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The profile summary of bench/run.sh's SERVER_PROFILE runs: each sample counted once, for the right owner. */
class ProfileSummaryTest {

    private static final String LOOP = "java/lang/Thread.run;io/netty/util/concurrent/FastThreadLocalRunnable.run;"
            + "io/netty/channel/epoll/EpollEventLoop.run;";
    private static final String ON_TEXT = "dev/signaling/dialect/login/LoginEndpoint.onText_[j];";

    private static final List<String> PROFILE = List.of(
            LOOP + ON_TEXT + "dev/signaling/core/SignalingService.handle_[i] 30",
            LOOP + ON_TEXT + ON_TEXT + "io/vertx/core/http/impl/WebSocketImplBase.writeFrame_[j] 10",
            LOOP + "io/netty/channel/unix/FileDescriptor.writevAddresses;writev;entry_SYSCALL_64_after_hwframe_[k];"
                    + "do_writev_[k] 15",
            LOOP + "io/netty/channel/unix/Socket.sendAddress;__GI___send;entry_SYSCALL_64_after_hwframe_[k] 3",
            LOOP + "dev/signaling/dialect/json/JsonScanner.object_[j];asm_exc_page_fault_[k] 2",
            LOOP + "io/vertx/core/impl/ContextInternal.dispatch;os::javaTimeNanos;__vdso_clock_gettime 5",
            LOOP + "java/util/concurrent/ConcurrentHashMap.get_[j] 5",
            "clone3;start_thread;thread_native_entry;Thread::call_run;JavaThread::thread_main_inner;"
                    + "CompileBroker::compiler_thread_loop;C2Compiler::compile_method 20",
            "clone3;start_thread;thread_native_entry;Thread::call_run;VMThread::run;VMThread::inner_execute 8",
            "io/quarkus/bootstrap/runner/QuarkusEntryPoint.main;java/lang/ClassLoader.loadClass 2",
            "not a profile line");

    @Test
    void countsEverySampleOnceForTheThreadAndTheOwnerOfTheRunningFrame() {
        ProfileSummary.Summary summary = ProfileSummary.summarise(PROFILE);

        assertEquals(100, summary.samples());
        assertEquals(30L, summary.byPlace().get("event loop: our code"));
        assertEquals(10L, summary.byPlace().get("event loop: Vert.x"));
        assertEquals(20L, summary.byPlace().get("event loop: the kernel (socket reads and writes, epoll)"));
        assertEquals(5L, summary.byPlace().get("event loop: native code (the VM, glibc, Netty's JNI)"));
        assertEquals(5L, summary.byPlace().get("event loop: JDK"));
        assertEquals(20L, summary.byPlace().get("JIT compiler threads"));
        assertEquals(8L, summary.byPlace().get("VM thread (garbage collection, safepoints)"));
        assertEquals(2L, summary.byPlace().get("other threads (start-up, timers, monitoring)"));
        // Our code inclusive: onText is on the stack of 40 samples (twice in one stack, counted once), handle in 30.
        assertEquals(40L, summary.ours().get("dev/signaling/dialect/login/LoginEndpoint.onText"));
        assertEquals(30L, summary.ours().get("dev/signaling/core/SignalingService.handle"));
        assertEquals(15L, summary.loopLeaves().get("do_writev"));
        assertEquals(15L, summary.syscalls().get("writev"));
        assertEquals(3L, summary.syscalls().get("send"));
        assertEquals(2L, summary.syscalls().get("interrupts and faults in Java code"));
    }

    @Test
    void rendersSharesAsATableLargestFirst() {
        String text = ProfileSummary.render("p.collapsed", ProfileSummary.summarise(PROFILE), 3);

        assertTrue(text.startsWith("p.collapsed: 100 samples\n\n| where | share |\n|---|---|\n"
                + "| event loop: our code | 30.0 % |\n"), text);
        assertTrue(text.contains("\nour code on the event loops (inclusive):\n"
                + "  40.0 %  dev/signaling/dialect/login/LoginEndpoint.onText\n"
                + "  30.0 %  dev/signaling/core/SignalingService.handle\n"), text);
    }
}
