/**
 * Timing forward passes honestly: untimed warm-up runs, then timed runs reported as median and minimum
 * milliseconds per batch and images per second, with progress shown while they run.
 */
package org.resnet4j.bench;
