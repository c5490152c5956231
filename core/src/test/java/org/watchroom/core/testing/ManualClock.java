package org.watchroom.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, so that time arithmetic does not depend on how fast the machine is. */
public final class ManualClock extends Clock {
    private volatile long millis;

    public ManualClock(long millis) { this.millis = millis; }

    @SuppressWarnings("NonAtomicVolatileUpdate") // one writer, the test thread; volatile only for readers
    public void advance(long delta) { millis += delta; }

    @Override
    public long millis() { return millis; }

    @Override
    public Instant instant() { return Instant.ofEpochMilli(millis); }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException(); }
}
