/**
 * Classes that break every rule of {@link io.wsingest.ArchitectureTest} on purpose, laid out like the application:
 * protocol packages {@code upload} and {@code live}, a shared package {@code storage}.
 */
package io.wsingest.archfixture;
