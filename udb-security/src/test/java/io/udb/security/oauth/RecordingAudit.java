package io.udb.security.oauth;

import io.udb.security.audit.Denial;
import io.udb.security.audit.SecurityAudit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit that keeps every denial, for assertions. */
final class RecordingAudit implements SecurityAudit {
  private final List<Denial> denials = new CopyOnWriteArrayList<>();

  @Override
  public void denied(Denial denial) {
    denials.add(denial);
  }

  List<Denial> denials() {
    return List.copyOf(denials);
  }
}
