package dev.rehearsal.activities.steps;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a request with the client's blocking {@code send} on a reused thread, as a future the activity can wait on
 * while it heartbeats. Not {@code sendAsync}: on JDK 17 with two CPUs or fewer, every {@code sendAsync} completion
 * starts a new thread (CompletableFuture's default executor when the common pool has no threads), which made each
 * {@code http} step cost a thread start (see bench/README.md, "What Rehearsal adds on top of Temporal"; LoadHttp
 * avoids it the same way). Cancelling the future interrupts the sending thread, and an interrupt cancels the exchange.
 */
final class BlockingSend {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpClient client;
  // Idle threads end after a minute; as many run at once as steps send at once (bounded by the activity slots).
  private final ExecutorService senders = Executors.newCachedThreadPool(task -> {
    Thread t = new Thread(task, "http-step-send-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  BlockingSend(HttpClient client) {
    this.client = client;
  }

  <T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    CompletableFuture<HttpResponse<T>> call = new CompletableFuture<>();
    Future<?> sending = senders.submit(() -> {
      try {
        call.complete(client.send(request, body));
      } catch (IOException | RuntimeException failed) {
        // send rethrows sendAsync's failure wrapped (often as a plain IOException); the original is its cause, so
        // step summaries name the same error as before.
        call.completeExceptionally(failed.getCause() != null ? failed.getCause() : failed);
      } catch (InterruptedException cancelled) {
        call.cancel(true);
      } catch (Throwable broken) {
        // An Error (say, out of memory reading a huge body) fails the step now, not at its timeout.
        call.completeExceptionally(broken);
      }
    });
    call.whenComplete((response, failure) -> {
      if (call.isCancelled()) {
        sending.cancel(true);
      }
    });
    return call;
  }
}
