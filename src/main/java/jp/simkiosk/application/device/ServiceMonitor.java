package jp.simkiosk.application.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the kiosk may accept customers: only while every required device is usable and no
 * {@link Alarm} stands. It listens to the devices' health events and also polls them on a schedule, so
 * that a device that recovers (paper loaded, cable plugged back) brings the kiosk back into service by
 * itself. The same poll checks the {@link ServiceCondition}s (free space in the data folder); an alarm
 * {@linkplain #raise raised} by the kiosk itself (journal set aside, journal write failed) stays until restart.
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
     * Whether customers are accepted, and if not, which required devices stand in the way, which alarms
     * are raised for the operator, and whether an operator took the kiosk out of service ({@code heldByOperator}).
     */
    public record ServiceStatus(boolean inService, List<DeviceHealth> blocking, List<DeviceHealth> all,
                                List<Alarm> alarms, boolean heldByOperator) {
        public ServiceStatus {
            blocking = List.copyOf(blocking);
            all = List.copyOf(all);
            alarms = List.copyOf(alarms);
        }

        /** A status without alarms. */
        public ServiceStatus(boolean inService, List<DeviceHealth> blocking, List<DeviceHealth> all) {
            this(inService, blocking, all, List.of(), false);
        }
    }

    private final List<Slot> slots;
    private final List<ServiceCondition> conditions;
    private final ScheduledExecutorService scheduler;
    private final Duration pollInterval;
    private final List<Consumer<ServiceStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Set<Alarm> latched = new LinkedHashSet<>();
    private volatile List<Alarm> conditionAlarms = List.of();
    private volatile ServiceStatus current;
    private ScheduledFuture<?> polling;
    /** While every device is polled in turn, their events wait: the verdict comes once all have answered. */
    private volatile boolean pollingAll;
    private volatile boolean heldByOperator;

    public ServiceMonitor(List<Slot> slots, ScheduledExecutorService scheduler, Duration pollInterval) {
        this(slots, List.of(), scheduler, pollInterval);
    }

    /** @param conditions checked at every {@link #pollAll()}, after the devices */
    public ServiceMonitor(List<Slot> slots, List<ServiceCondition> conditions, ScheduledExecutorService scheduler,
                          Duration pollInterval) {
        this.slots = List.copyOf(slots);
        this.conditions = List.copyOf(conditions);
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

    /** Asks every device for its status and checks every condition (on the calling thread). */
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
        checkConditions();
    }

    /**
     * Checks the conditions now (not the devices) and returns the first that fails: what a use case asks
     * before it starts a sale.
     */
    public Optional<Alarm> checkConditions() {
        List<Alarm> found = new ArrayList<>();
        for (ServiceCondition c : conditions) {
            try {
                c.check().ifPresent(found::add);
            } catch (RuntimeException e) {
                log.error("service condition check failed", e);
            }
        }
        conditionAlarms = List.copyOf(found);
        recompute();
        return found.stream().findFirst();
    }

    /**
     * Raises an alarm that keeps the kiosk out of service until it is restarted (a journal that was set
     * aside, a journal write that failed). Raising the same alarm again changes nothing.
     */
    public void raise(Alarm alarm) {
        Objects.requireNonNull(alarm);
        boolean added;
        synchronized (latched) {
            added = latched.add(alarm);
        }
        if (added) log.error("ALARM {}: {}", alarm.kind(), alarm.detail());
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
                || !sameHealth(before.blocking(), next.blocking()) || !before.alarms().equals(next.alarms())) {
            if (next.inService()) {
                log.info("back in service");
            } else {
                log.warn("out of service: {} {}", next.blocking(), next.alarms());
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
        List<Alarm> alarms;
        synchronized (latched) {
            alarms = new ArrayList<>(latched);
        }
        alarms.addAll(conditionAlarms);
        boolean held = heldByOperator;
        return new ServiceStatus(blocking.isEmpty() && alarms.isEmpty() && !held, blocking, all, alarms, held);
    }


    @Override
    public synchronized void close() {
        if (polling != null) polling.cancel(false);
    }
}
