package io.wsingest.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What a class logs, recorded from when the recorder is made until it is closed: for unit tests of log lines. */
public final class LogRecorder extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecorder(Logger logger) {
        this.logger = logger;
        logger.addHandler(this);
    }

    /** Records the logger named after {@code loggingClass}, as the application's classes name theirs. */
    public static LogRecorder of(Class<?> loggingClass) {
        return new LogRecorder(Logger.getLogger(loggingClass.getName()));
    }

    public static LogRecorder of(Logger logger) {
        return new LogRecorder(logger);
    }

    /** Everything recorded so far, in order. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    public List<LogRecord> at(Level level) {
        return records.stream().filter(record -> record.getLevel() == level).toList();
    }

    /** The messages recorded so far, unformatted, in order. */
    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    /** Stops recording. */
    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
