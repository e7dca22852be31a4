package io.dbfilter.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warning about carrier pinning, decided with the Java version and the thread's kind injected,
 * so that every case runs on the Java 17 the library is built for.
 */
class CarrierPinningTest {
    private final List<String> warnings = new ArrayList<>();

    private CarrierPinning on(int feature, boolean virtualThreads) {
        return new CarrierPinning(feature, thread -> virtualThreads, warnings::add);
    }

    @Test
    void aVirtualThreadOnJava21To23WarnsOnceNamingTheCauseAndTheRemedies() {
        for (int feature : new int[] {21, 22, 23}) {
            warnings.clear();
            var check = on(feature, true);

            check.checkCurrent();
            check.checkCurrent();
            check.checkCurrent();

            assertEquals(1, warnings.size(), "Java " + feature);
            String warning = warnings.get(0);
            assertTrue(warning.contains("Java " + feature), warning);
            assertTrue(warning.contains("DatasourceAccessor.incrementCallCount"), warning);
            assertTrue(warning.contains("Java 24 or later"), warning);
            assertTrue(warning.contains("below db.pool.maximumPoolSize"), warning);
            assertFalse(warning.contains("\n"), "one line: " + warning);
            assertTrue(check.settled());
        }
    }

    @Test
    void java24AndLaterAndJavaBefore21AreSettledBeforeTheFirstRequestAndNeverWarn() {
        for (int feature : new int[] {17, 20, 24, 25}) {
            var check = on(feature, true);

            assertTrue(check.settled(), "Java " + feature);
            check.checkCurrent();
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void platformThreadsOnJava21To23StayUnsettledUntilAVirtualThreadArrives() {
        var kinds = new ArrayList<>(List.of(false, false, true, true));
        var check = new CarrierPinning(21, thread -> kinds.remove(0), warnings::add);

        check.checkCurrent();
        check.checkCurrent();
        assertFalse(check.settled());
        assertEquals(List.of(), warnings);

        check.checkCurrent();
        check.checkCurrent();
        assertTrue(check.settled());
        assertEquals(1, warnings.size());
        assertEquals(List.of(true), kinds, "no question asked once settled");
    }

    @Test
    void aPlatformThreadIsNotVirtualOnEveryJavaVersion() {
        assertFalse(CarrierPinning.isVirtual(Thread.currentThread()));
    }

    @Test
    void theCheckOfThisJvmNeverThrowsOnAPlatformThread() {
        CarrierPinning.check();
        CarrierPinning.check();
    }
}
