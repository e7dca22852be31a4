package io.dbfilter.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Closed-loop load with the JDK's HttpClient: a fixed number of threads, each sending one request
 * at a time over a kept-alive HTTP/1.1 connection of one shared client (so at most that many
 * connections), for a fixed time. Every latency is kept; any answer other than 200 fails the run,
 * so that a broken endpoint can never pass for a fast one.
 */
final class Load {
    private Load() {
    }

    /** What one run measured; {@code serverCpuNanos} is -1 until {@link #withServerCpu} sets it. */
    record Result(long requests, double seconds, long[] sortedNanos, long serverCpuNanos) {
        double perSecond() {
            return requests / seconds;
        }

        Result withServerCpu(long nanos) {
            return new Result(requests, seconds, sortedNanos, nanos);
        }

        /** The server's CPU time per request in microseconds, its own threads, GC and JIT included. */
        double serverMicros() {
            return serverCpuNanos / 1e3 / requests;
        }

        /** The latency at fraction {@code p} (0.5, 0.99) in milliseconds. */
        double millis(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }

    static Result run(HttpClient client, int connections, Duration duration, Supplier<HttpRequest> requests)
            throws InterruptedException {
        var start = new CountDownLatch(1);
        var workers = new ArrayList<Worker>();
        for (int i = 0; i < connections; i++) {
            workers.add(new Worker(client, requests, start));
        }
        List<Thread> threads = new ArrayList<>();
        for (Worker worker : workers) {
            Thread thread = new Thread(worker, "load");
            thread.start();
            threads.add(thread);
        }
        long begin = System.nanoTime();
        long deadline = begin + duration.toNanos();
        for (Worker worker : workers) {
            worker.deadline = deadline;
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        long total = 0;
        for (Worker worker : workers) {
            if (worker.failure != null) {
                throw new IllegalStateException("load failed: " + worker.failure, worker.failure);
            }
            total += worker.count;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (Worker worker : workers) {
            System.arraycopy(worker.nanos, 0, all, at, worker.count);
            at += worker.count;
        }
        Arrays.sort(all);
        return new Result(total, seconds, all, -1);
    }

    private static final class Worker implements Runnable {
        private final HttpClient client;
        private final Supplier<HttpRequest> requests;
        private final CountDownLatch start;
        volatile long deadline;
        long[] nanos = new long[4096];
        int count;
        Exception failure;

        Worker(HttpClient client, Supplier<HttpRequest> requests, CountDownLatch start) {
            this.client = client;
            this.requests = requests;
            this.start = start;
        }

        @Override
        public void run() {
            try {
                start.await();
                for (long now = System.nanoTime(); now < deadline; ) {
                    HttpRequest request = requests.get();
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long done = System.nanoTime();
                    if (response.statusCode() != 200) {
                        throw new IOException(request.method() + " " + request.uri() + " answered "
                                + response.statusCode() + ": " + new String(response.body()));
                    }
                    if (count == nanos.length) {
                        nanos = Arrays.copyOf(nanos, count * 2);
                    }
                    nanos[count++] = done - now;
                    now = done;
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                failure = e;
            }
        }
    }

    /** One client for a whole run: its connections are reused by every variant alike. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }
}
