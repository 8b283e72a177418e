/**
 * Timing forward passes ({@link org.resnet4j.bench.ResNetBenchmark}) and training steps
 * ({@link org.resnet4j.bench.TrainingStepBenchmark}) honestly: untimed warm-up runs, then timed runs reported as
 * median and minimum milliseconds per batch and images per second, with progress shown while they run.
 */
package org.resnet4j.bench;
