package dev.rehearsal.api.rehearsals;

public record CancelBody(String reason) {}
