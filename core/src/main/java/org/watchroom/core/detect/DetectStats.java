package org.watchroom.core.detect;

/**
 * A detect loop's counters.
 *
 * @param detectFps detector passes per second over the last second
 * @param runs passes since start
 * @param inferenceMsP50 median inference time (all models of a pass)
 * @param inferenceMsP95 95th percentile of the same
 * @param preprocessMsP50 median preprocessing time
 * @param waitMsP50 median time a pass spent queued: from when it could first run (motion seen or periodic pass due,
 *                  and allowed by the camera's rate) to its start
 * @param waitMsP95 95th percentile of the same
 * @param skippedNoMotion frames the motion gate let through without a pass
 * @param skippedBusy gate ticks missed because no worker was free in time (or this camera's pass still waited)
 * @param lastError the last failure of a pass, or null
 */
public record DetectStats(double detectFps, long runs, double inferenceMsP50, double inferenceMsP95,
                          double preprocessMsP50, double waitMsP50, double waitMsP95, long skippedNoMotion, long skippedBusy, String lastError) {
}
