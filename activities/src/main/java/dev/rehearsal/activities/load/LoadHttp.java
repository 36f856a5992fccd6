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
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP/1.1 client of one run (keep-alive connections pooled by the JDK client, one per concurrent request).
 * Every wait is bounded and interruptible, and an interrupted wait cancels its exchange, so stopping the sender
 * threads also stops the requests they had in flight.
 */
final class LoadHttp {
  /** Beyond the request timeout (which covers the response head), a bound on reading the body too. */
  private static final long BODY_GRACE_NANOS = Duration.ofMillis(500).toNanos();

  private final HttpClient client;
  private final Map<String, String> targetHeaders;

  LoadHttp(Duration requestTimeout, Map<String, String> targetHeaders) {
    AtomicInteger n = new AtomicInteger();
    // The client's own pool would keep idle threads for a minute; these go after a few seconds.
    ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "rehearsal-load-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    Duration connect = requestTimeout.compareTo(Duration.ofSeconds(10)) < 0 ? requestTimeout : Duration.ofSeconds(10);
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connect)
        .executor(executor)
        .build();
    this.targetHeaders = targetHeaders;
  }

  /**
   * Sends a load request and discards the body. True when the status was expected; false for any other status, a
   * timeout or an I/O error.
   */
  boolean send(RequestMix.Template template, Duration timeout) throws InterruptedException {
    CompletableFuture<HttpResponse<Void>> call =
        client.sendAsync(template.request(), HttpResponse.BodyHandlers.discarding());
    try {
      return template.expected(await(call, timeout).statusCode());
    } catch (IOException failed) {
      return false;
    }
  }

  /** A probe's GET with the target's headers. */
  HttpResponse<String> get(URI uri, Duration timeout) throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    targetHeaders.forEach(builder::setHeader);
    return await(client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()), timeout);
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
