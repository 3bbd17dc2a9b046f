package jp.simkiosk.ui;

import java.util.concurrent.atomic.AtomicBoolean;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short two-tone chime, so that the idle warning is heard as well as seen (accessibility of public
 * terminals). Made with javax.sound — no audio files, no media library. Plays on its own daemon thread; a
 * machine without a sound device logs that once and stays silent.
 */
public final class Chime {

    private static final Logger log = LoggerFactory.getLogger(Chime.class);
    private static final float RATE = 22_050f;

    private final AtomicBoolean unavailableLogged = new AtomicBoolean();

    public void play() {
        Thread t = new Thread(this::playNow, "chime");
        t.setDaemon(true);
        t.start();
    }

    private void playNow() {
        byte[] pcm = tones(new double[] {880, 660}, 0.18);
        AudioFormat format = new AudioFormat(RATE, 8, 1, true, false);
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format);
            line.start();
            line.write(pcm, 0, pcm.length);
            line.drain();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            if (unavailableLogged.compareAndSet(false, true)) log.info("no sound device: the idle warning is silent ({})", e.toString());
        }
    }

    /** Signed 8-bit PCM of the given tones one after the other, with a short fade to avoid clicks. */
    static byte[] tones(double[] hz, double secondsEach) {
        int per = (int) (RATE * secondsEach);
        byte[] out = new byte[per * hz.length];
        for (int k = 0; k < hz.length; k++) {
            for (int i = 0; i < per; i++) {
                double fade = Math.min(1.0, Math.min(i, per - i) / (RATE * 0.01));
                out[k * per + i] = (byte) (Math.sin(2 * Math.PI * hz[k] * i / RATE) * 80 * fade);
            }
        }
        return out;
    }
}
