package dev.rehearsal.activities.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP/1.1 clients a run uses (keep-alive connections pooled by the JDK client, one per concurrent request).
 * A load request's wait is bounded by its request timeout (the response head) and interruptible, and an interrupt
 * cancels the exchange, so stopping the sender threads also stops the requests they had in flight. Probes also bound
 * reading the body.
 *
 * <p>Responses are handled on each client's selector thread (a same-thread executor): handing every completion to
 * a pool thread and back to the waiting sender halved the throughput in measurements. With nothing blocking in the
 * body handlers that is safe; one client per CPU spreads the selector work over the cores.
 */
final class LoadHttp {
  /** Beyond the request timeout (which covers the response head), a bound on reading the body too. */
  private static final long BODY_GRACE_NANOS = Duration.ofMillis(500).toNanos();

  private final HttpClient[] clients;
  /** Probes have their own client, so a saturated generator does not make the target look degraded. */
  private final HttpClient probes;
  private final AtomicInteger nextClient = new AtomicInteger();
  private final Map<String, String> targetHeaders;

  LoadHttp(Clients pool, Map<String, String> targetHeaders, int senders) {
    int count = Math.max(1, Math.min(senders, pool.load.length));
    this.clients = java.util.Arrays.copyOf(pool.load, count);
    this.probes = pool.probes;
    this.targetHeaders = targetHeaders;
  }

  /**
   * The HTTP clients of one generator, made once and reused by every run: on JDK 17 a client cannot be closed, so a
   * client per run would leave its selector thread and idle connections behind until a garbage collection. Request
   * timeouts are set per request; the connect timeout only bounds a connection that never comes up.
   */
  static final class Clients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    final HttpClient[] load;
    final HttpClient probes;

    Clients() {
      load = new HttpClient[Math.max(1, Runtime.getRuntime().availableProcessors())];
      for (int i = 0; i < load.length; i++) {
        load[i] = client(CONNECT_TIMEOUT);
      }
      probes = client(CONNECT_TIMEOUT);
    }
  }

  private static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .executor(Runnable::run)
        .build();
  }

  /** The client a new sender thread should use: round robin, so each client serves a share of the senders. */
  HttpClient assign() {
    return clients[Math.floorMod(nextClient.getAndIncrement(), clients.length)];
  }

  /**
   * Sends a load request and discards the body. True when the status was expected; false for any other status, a
   * timeout or an I/O error.
   */
  static boolean send(HttpClient client, RequestMix.Template template) throws InterruptedException {
    // The blocking send, not sendAsync().get(): on JDK 17 with two CPUs or fewer, every sendAsync completion starts a
    // new thread (the common pool has no threads there), which capped the generator at a tenth of wrk's rate. The
    // request's own timeout bounds the wait for the response head, and an interrupt cancels the exchange.
    try {
      return template.expected(client.send(template.request(), HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (IOException failed) {
      return false;
    }
  }

  HttpResponse<String> get(URI uri, Duration timeout) throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    targetHeaders.forEach(builder::setHeader);
    return await(probes.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()), timeout);
  }

  private static <T> T await(CompletableFuture<T> call, Duration timeout) throws IOException, InterruptedException {
    try {
      return call.get(timeout.toNanos() + BODY_GRACE_NANOS, TimeUnit.NANOSECONDS);
    } catch (InterruptedException stop) {
      call.cancel(true);
      throw stop;
    } catch (TimeoutException slow) {
      call.cancel(true);
      throw new IOException("no complete answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }
}
