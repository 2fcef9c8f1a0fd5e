package io.wsingest.config;

/**
 * Marker for a group of validated settings (one record per feature). Every bean of this type is created at start-up
 * by {@link SettingsValidation}, so an invalid value fails the deployment instead of the first request.
 */
public interface Settings {
}
