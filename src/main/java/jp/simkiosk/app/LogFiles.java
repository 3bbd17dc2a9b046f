package jp.simkiosk.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Adds a rolling log file in the data folder once the configuration has said where that is
 * ({@code <data>/logs/kiosk.log}, daily and at 10 MB, 30 days kept). Idempotent per folder. The burn-in
 * keeps the console for its own lines ({@link #consoleErrorsOnly()}); the file still gets everything.
 */
final class LogFiles {

    private LogFiles() {}

    /** From now on the console shows errors only. */
    static synchronized void consoleErrorsOnly() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        Appender<ILoggingEvent> console = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        if (console == null) return;
        ThresholdFilter errors = new ThresholdFilter();
        errors.setLevel("ERROR");
        errors.start();
        console.addFilter(errors);
    }

    /** Stops writing the log file in {@code folder} (the kiosk built on it is closed). */
    static synchronized void stopWritingTo(Path folder) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> file = root.getAppender("file:" + folder.toAbsolutePath());
        if (file == null) return;
        root.detachAppender(file);
        file.stop();
    }

    static synchronized void writeTo(Path folder) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        String name = "file:" + folder.toAbsolutePath();
        if (root.getAppender(name) != null) return;

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(ctx);
        file.setName(name);
        file.setFile(folder.resolve("kiosk.log").toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(file);
        policy.setFileNamePattern(folder.resolve("kiosk.%d{yyyy-MM-dd}.%i.log").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(30);
        policy.start();
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{ISO8601} %-5level [%thread] %logger{30} - %msg%n");
        enc.start();
        file.setRollingPolicy(policy);
        file.setEncoder(enc);
        file.start();
        root.addAppender(file);
    }
}
