package org.watchroom.core.detect;

/**
 * A detect loop's counters.
 *
 * @param detectFps detector passes per second over the last second
 * @param runs passes since start
 * @param inferenceMsP50 median inference time (all models of a pass)
 * @param inferenceMsP95 95th percentile of the same
 * @param preprocessMsP50 median preprocessing time
 * @param skippedNoMotion frames the motion gate let through without a pass
 * @param skippedBusy detect ticks missed because the previous pass was still running
 * @param lastError the last failure of a pass, or null
 */
public record DetectStats(double detectFps, long runs, double inferenceMsP50, double inferenceMsP95,
                          double preprocessMsP50, long skippedNoMotion, long skippedBusy, String lastError) {
}
