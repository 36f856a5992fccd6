package dev.rehearsal.activities.gates;

/** A report a gate reads: its bytes, or why there are none (not written, a directory); never both. */
public record ReportFile(byte[] content, String absent) {
  public static ReportFile of(byte[] content) {
    return new ReportFile(content, null);
  }

  public static ReportFile absent(String why) {
    return new ReportFile(null, why);
  }
}
