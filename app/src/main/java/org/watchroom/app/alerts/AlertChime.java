package org.watchroom.app.alerts;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * The optional new-alert sound: a short two-tone chime generated in code (no sound file to ship), played through
 * the default audio output. A control-room PC without audio output simply stays silent.
 *
 * <p>Thread-safety: stateless; {@link #play()} blocks for the chime's length, so call it off the FX thread.
 */
public final class AlertChime {
    static final float RATE = 22_050f;
    private static final byte[] PCM = tones(new double[] {880, 660}, 0.12);

    private AlertChime() {
    }

    /** Plays the chime; false when there is no audio output to play it on. */
    public static boolean play() {
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format);
            line.start();
            line.write(PCM, 0, PCM.length);
            line.drain();
            return true;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException noAudio) {
            return false;
        }
    }

    /** Signed 16-bit little-endian mono PCM: each tone for {@code seconds}, with short fades so it does not click. */
    static byte[] tones(double[] hertz, double seconds) {
        int perTone = (int) (RATE * seconds);
        int fade = perTone / 10;
        byte[] out = new byte[hertz.length * perTone * 2];
        int i = 0;
        for (double f : hertz) {
            for (int n = 0; n < perTone; n++) {
                double envelope = Math.min(1, Math.min(n, perTone - 1 - n) / (double) fade);
                short v = (short) (Math.sin(2 * Math.PI * f * n / RATE) * envelope * 0.4 * Short.MAX_VALUE);
                out[i++] = (byte) v;
                out[i++] = (byte) (v >> 8);
            }
        }
        return out;
    }
}
