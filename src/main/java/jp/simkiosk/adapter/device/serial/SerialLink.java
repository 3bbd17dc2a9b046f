package jp.simkiosk.adapter.device.serial;

import java.time.Duration;

/**
 * A byte link to a device over a serial port. Reads block at most for the time-out they are given.
 * Failures are {@link SerialLinkException}s with a kind, so that drivers can map them to device faults.
 */
public interface SerialLink extends AutoCloseable {

    /** The port's name as configured ("/dev/ttyUSB0"). */
    String portName();

    void write(byte[] bytes) throws SerialLinkException;

    /** Reads exactly {@code n} bytes, or throws a TIMEOUT failure when they do not all arrive in time. */
    byte[] read(int n, Duration timeout) throws SerialLinkException;

    /** Reads one byte, or throws a TIMEOUT failure. */
    default int readByte(Duration timeout) throws SerialLinkException {
        return read(1, timeout)[0] & 0xFF;
    }

    /** Reads bytes up to and including {@code terminator} (e.g. '\n'), or throws TIMEOUT. */
    byte[] readUntil(byte terminator, int maxBytes, Duration timeout) throws SerialLinkException;

    /** Discards whatever is waiting in the input buffer. */
    void drainInput() throws SerialLinkException;

    @Override
    void close();
}
