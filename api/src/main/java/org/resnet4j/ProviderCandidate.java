package org.resnet4j;

import org.resnet4j.spi.Availability;
import org.resnet4j.spi.BackendProvider;

/** A provider that loaded, with the name, priority and availability it reported once during a scan. */
record ProviderCandidate(BackendProvider provider, String name, int priority, Availability availability) {
}
