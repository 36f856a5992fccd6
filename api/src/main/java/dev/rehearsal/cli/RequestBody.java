package dev.rehearsal.cli;

import java.io.IOException;
import java.io.OutputStream;

/** What a request sends: its exact length up front (so nothing is buffered or silently re-sent), then its bytes. */
interface RequestBody {
  String contentType();

  long length();

  void writeTo(OutputStream out) throws IOException;
}
