package io.wsingest.config;

/** A setting has a value the application cannot run with; the message names the key, so deployment fails legibly. */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String value, String expectation) {
        super("Invalid value '" + value + "' for setting " + key + ": " + expectation);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
