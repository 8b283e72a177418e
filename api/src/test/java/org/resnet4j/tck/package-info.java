/**
 * The contract test kit: {@link org.resnet4j.tck.ReferenceOps} (the plain-loop oracle) and
 * {@link org.resnet4j.tck.BackendContract} (the tests every backend must pass), shipped in api's test-jar.
 */
package org.resnet4j.tck;
