package dev.rehearsal.api.console;

/** An error as the console's error page shows it: its status, a title, and what the person can do about it. */
public record ErrorView(int status, String title, String detail) {}
