package org.watchroom.core.fresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSessionListener;
import org.watchroom.core.media.DeviceSupport;
import org.watchroom.core.testing.TestPackages;

/** The one package list is complete and is what runs before the first test. */
class TestPackagesTest {
    @Test
    void theListHoldsEveryLibraryOfFfmpegsDeviceInputsAndTheRtspServer() {
        assertThat(TestPackages.required())
                .containsAll(DeviceSupport.LINUX_LIBRARIES.stream().map(DeviceSupport.SystemLibrary::debianPackage).toList())
                .contains("gir1.2-gst-rtsp-server-1.0", "python3-gi", "gstreamer1.0-libav")
                .doesNotHaveDuplicates();
    }

    @Test
    void itRunsBeforeTheFirstTestOfEveryTestJvm() {
        assertThat(ServiceLoader.load(LauncherSessionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(TestPackages.class);
    }

    @Test
    void everyPackageOfTheListIsInstalledNow() {
        TestPackages.ensureInstalled();
        assertThat(TestPackages.missing(TestPackages.required())).isEmpty();
    }
}
