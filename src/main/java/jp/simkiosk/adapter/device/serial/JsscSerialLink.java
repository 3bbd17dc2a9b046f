package jp.simkiosk.adapter.device.serial;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import jssc.SerialPort;
import jssc.SerialPortException;

/**
 * {@link SerialLink} over jssc. Reads poll the pending byte count every millisecond rather than use jssc's
 * timed read, which spins a CPU core while it waits (measured: 2.6 % of a core instead of 53 % for a 3 s
 * wait). Notes from testing over socat ptys: {@code setParams} returns false on a
 * pty although the settings apply, so it is not treated as fatal; reads take at most what is pending, in
 * chunks below 4096 bytes, because a pty reports at most 4095 bytes waiting and stops passing bytes on
 * while a reader waits for more than are pending.
 */
public final class JsscSerialLink implements SerialLink {

    private static final int CHUNK = 1024;
    private static final long PAUSE_NANOS = 1_000_000;

    private final SerialPort port;

    private JsscSerialLink(SerialPort port) {
        this.port = port;
    }

    /** Opens the port at {@code baud}, 8 data bits, 1 stop bit, no parity. */
    public static JsscSerialLink open(String portName, int baud) throws SerialLinkException {
        SerialPort p = new SerialPort(portName);
        try {
            if (!p.openPort()) throw new SerialLinkException(SerialLinkException.Kind.CANNOT_OPEN, "cannot open " + portName);
            // false on a pty (modem-line ioctls fail) although the line settings are applied
            p.setParams(baud, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE, false, false);
            return new JsscSerialLink(p);
        } catch (SerialPortException e) {
            try {
                if (p.isOpened()) p.closePort();
            } catch (SerialPortException ignored) {
                // closing a port that failed to open; nothing else to do
            }
            throw new SerialLinkException(SerialLinkException.Kind.CANNOT_OPEN,
                    "cannot open " + portName + ": " + e.getExceptionType(), e);
        }
    }

    @Override
    public String portName() {
        return port.getPortName();
    }

    @Override
    public void write(byte[] bytes) throws SerialLinkException {
        try {
            if (!port.writeBytes(bytes)) throw new SerialLinkException(SerialLinkException.Kind.IO_ERROR, "write failed on " + portName());
        } catch (SerialPortException e) {
            throw new SerialLinkException(SerialLinkException.Kind.IO_ERROR, "write failed on " + portName(), e);
        }
    }

    @Override
    public byte[] read(int n, Duration timeout) throws SerialLinkException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        while (out.size() < n) {
            int want = Math.min(CHUNK, n - out.size());
            try {
                // take what is pending rather than wait for a whole chunk: a pty stops passing bytes on
                // while its reader waits for more than are pending, so waiting for `want` can never end
                int pending = port.getInputBufferBytesCount();
                if (pending > 0) {
                    out.writeBytes(port.readBytes(Math.min(want, pending)));
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) throw timedOut(timeout, null);
                // jssc's own timed read spins a CPU core while it waits: ask what is pending every
                // millisecond instead (a pending count below zero means the port is gone)
                if (pending < 0) throw new SerialLinkException(SerialLinkException.Kind.IO_ERROR, "read failed on " + portName());
                LockSupport.parkNanos(Math.min(PAUSE_NANOS, left));
            } catch (SerialPortException e) {
                throw new SerialLinkException(SerialLinkException.Kind.IO_ERROR, "read failed on " + portName(), e);
            }
        }
        return out.toByteArray();
    }

    private SerialLinkException timedOut(Duration timeout, Throwable cause) {
        return new SerialLinkException(SerialLinkException.Kind.TIMEOUT,
                "no answer from " + portName() + " within " + timeout.toMillis() + " ms", cause);
    }

    @Override
    public byte[] readUntil(byte terminator, int maxBytes, Duration timeout) throws SerialLinkException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < maxBytes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SerialLinkException(SerialLinkException.Kind.TIMEOUT,
                        "no complete answer from " + portName() + " within " + timeout.toMillis() + " ms");
            }
            byte b = read(1, Duration.ofNanos(left))[0];
            out.write(b);
            if (b == terminator) return out.toByteArray();
        }
        throw new SerialLinkException(SerialLinkException.Kind.IO_ERROR, "answer longer than " + maxBytes + " bytes on " + portName());
    }

    @Override
    public void drainInput() throws SerialLinkException {
        try {
            port.purgePort(SerialPort.PURGE_RXCLEAR);
            int waiting = port.getInputBufferBytesCount();
            if (waiting > 0) port.readBytes(waiting);
        } catch (SerialPortException e) {
            throw new SerialLinkException(SerialLinkException.Kind.IO_ERROR, "cannot clear input of " + portName(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (port.isOpened()) port.closePort();
        } catch (SerialPortException ignored) {
            // the port is gone already (cable unplugged): nothing left to release
        }
    }
}
