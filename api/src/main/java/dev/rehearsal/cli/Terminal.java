package dev.rehearsal.cli;

import java.io.PrintStream;
import java.util.Map;

/** What a command writes to and reads its environment from. */
record Terminal(PrintStream out, PrintStream err, Map<String, String> env) {}
