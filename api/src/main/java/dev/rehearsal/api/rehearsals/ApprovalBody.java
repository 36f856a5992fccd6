package dev.rehearsal.api.rehearsals;

import java.util.Map;

/** What an approver sends. Who they are comes from their token, never from here. */
public record ApprovalBody(String decision, String comment, Map<String, String> waivers, String evidenceDigest) {}
