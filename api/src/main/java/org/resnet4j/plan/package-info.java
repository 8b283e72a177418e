/**
 * The op-level plan of a compiled model, written once for the backends that run their own op sequence (ND4J and
 * JCuda): {@link org.resnet4j.plan.OpPlanner} traces a model into {@link org.resnet4j.plan.PlanStep}s, folds batch
 * norms (through {@link org.resnet4j.nn.BatchNormFolding}), fuses ReLUs, marks the ReLUs and Adds that may overwrite
 * their input, and works out when every value is read for the last time ({@link org.resnet4j.plan.PlanLiveness}).
 * A backend only maps each step to its kernels and its memory.
 */
package org.resnet4j.plan;
