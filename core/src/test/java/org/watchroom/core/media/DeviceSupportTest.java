package org.watchroom.core.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceSupportTest {
    @Test
    void namesTheMissingLibrariesAndTheCommandThatInstallsThem() {
        String line = DeviceSupport.explain(List.of(DeviceSupport.LINUX_LIBRARIES.get(1), DeviceSupport.LINUX_LIBRARIES.get(3)),
                new UnsatisfiedLinkError("no jniavdevice in java.library.path"));

        assertThat(line).isEqualTo("Device sources (lavfi:, v4l2:) need system libraries that are missing "
                + "(libpulse.so.0, libxcb-shm.so.0); install them with: sudo apt-get install libpulse0 libxcb-shm0");
    }

    @Test
    void withNothingMissingItQuotesTheLinkError() {
        assertThat(DeviceSupport.explain(List.of(), new UnsatisfiedLinkError("no jniavdevice")))
                .isEqualTo("Device sources (lavfi:, v4l2:, dshow:) are unavailable: FFmpeg's device library does not "
                        + "load (no jniavdevice)");
    }

    @Test
    void onThisMachineTheTestPackagesProvideEveryLibrary() {
        assertThat(DeviceSupport.missing()).isEmpty();
        assertThat(DeviceSupport.load()).isEmpty();
    }
}
