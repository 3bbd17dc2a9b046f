package jp.simkiosk.application.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the kiosk may accept customers: only while every required device is usable. It
 * listens to the devices' health events and also polls them on a schedule, so that a device that
 * recovers (paper loaded, cable plugged back) brings the kiosk back into service by itself.
 */
public final class ServiceMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceMonitor.class);

    /** A device and whether the kiosk may sell without it. */
    public record Slot(Device device, boolean required) {
        public Slot {
            Objects.requireNonNull(device);
        }
    }

    /**
     * Whether customers are accepted, and if not, which required devices stand in the way or whether an
     * operator took the kiosk out of service ({@code heldByOperator}).
     */
    public record ServiceStatus(boolean inService, List<DeviceHealth> blocking, List<DeviceHealth> all,
                                boolean heldByOperator) {
        public ServiceStatus {
            blocking = List.copyOf(blocking);
            all = List.copyOf(all);
        }
    }

    private final List<Slot> slots;
    private final ScheduledExecutorService scheduler;
    private final Duration pollInterval;
    private final List<Consumer<ServiceStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile ServiceStatus current;
    private ScheduledFuture<?> polling;
    /** While every device is polled in turn, their events wait: the verdict comes once all have answered. */
    private volatile boolean pollingAll;
    private volatile boolean heldByOperator;

    public ServiceMonitor(List<Slot> slots, ScheduledExecutorService scheduler, Duration pollInterval) {
        this.slots = List.copyOf(slots);
        this.scheduler = scheduler;
        this.pollInterval = pollInterval;
        this.current = evaluate();
        for (Slot s : this.slots) s.device().addHealthListener(h -> {
            if (!pollingAll) recompute();
        });
    }

    /** Polls every device now, then on the schedule. */
    public synchronized void start() {
        if (polling != null) return;
        polling = scheduler.scheduleWithFixedDelay(this::pollAll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks every device for its status (on the calling thread). */
    public void pollAll() {
        pollingAll = true;
        try {
            for (Slot s : slots) {
                try {
                    s.device().poll();
                } catch (RuntimeException e) {
                    log.error("polling {} failed", s.device().role(), e);
                }
            }
        } finally {
            pollingAll = false;
        }
        recompute();
    }

    /**
     * An operator takes the kiosk out of service ({@code true}) or releases it ({@code false}): the one
     * out-of-service mechanism, with the operator as one more reason besides the devices.
     */
    public void holdByOperator(boolean hold) {
        heldByOperator = hold;
        log.info(hold ? "taken out of service by an operator" : "operator hold released");
        recompute();
    }

    public ServiceStatus current() {
        return current;
    }

    public void addListener(Consumer<ServiceStatus> listener) {
        listeners.add(listener);
    }

    private void recompute() {
        ServiceStatus next = evaluate();
        ServiceStatus before;
        synchronized (this) {
            before = current;
            current = next;
        }
        if (before.inService() != next.inService() || before.heldByOperator() != next.heldByOperator()
                || !sameHealth(before.blocking(), next.blocking())) {
            if (next.inService()) {
                log.info("back in service");
            } else {
                log.warn("out of service: {}", next.blocking());
            }
            for (Consumer<ServiceStatus> l : listeners) l.accept(next);
        }
    }

    private static boolean sameHealth(List<DeviceHealth> a, List<DeviceHealth> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).sameAs(b.get(i))) return false;
        }
        return true;
    }

    private ServiceStatus evaluate() {
        List<DeviceHealth> blocking = new ArrayList<>();
        List<DeviceHealth> all = new ArrayList<>();
        for (Slot s : slots) {
            DeviceHealth h = s.device().health();
            all.add(h);
            if (s.required() && !h.usable()) blocking.add(h);
        }
        boolean held = heldByOperator;
        return new ServiceStatus(blocking.isEmpty() && !held, blocking, all, held);
    }

    @Override
    public synchronized void close() {
        if (polling != null) polling.cancel(false);
    }
}
