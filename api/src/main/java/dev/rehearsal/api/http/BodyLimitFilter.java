package dev.rehearsal.api.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body larger than its limit: at once from {@code Content-Length}, without reading it, or as soon as a
 * chunked body runs past the limit (then {@link BodyTooLargeException} surfaces where the body is read, and the
 * problem handler answers 413). The connection is closed after a 413 so the server never drains the rest.
 */
class BodyLimitFilter extends OncePerRequestFilter {
  private final RequestLimits limits;
  private final EarlyRefusals refusals;

  BodyLimitFilter(RequestLimits limits, EarlyRefusals refusals) {
    this.limits = limits;
    this.refusals = refusals;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = limits.bytesFor(request.getMethod(), request.getRequestURI());
    if (request.getContentLengthLong() > limit) {
      refuse(refusals, request, response, limit);
      return;
    }
    chain.doFilter(new Limited(request, limit), response);
  }

  static void refuse(EarlyRefusals refusals, HttpServletRequest request, HttpServletResponse response, long limit)
      throws IOException {
    response.setHeader(HttpHeaders.CONNECTION, "close");
    refusals.refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
        "this endpoint reads at most " + limit + " bytes of request body");
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CountingStream(super.getInputStream(), limit);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class CountingStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    CountingStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      read += n;
      if (read > limit) {
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
