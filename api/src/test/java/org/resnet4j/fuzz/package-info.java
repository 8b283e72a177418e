/**
 * A small mutation fuzzer for the file readers, shipped in api's test-jar so that every module fuzzes its readers the
 * same way: {@link org.resnet4j.fuzz.FuzzCampaign} runs a committed seed corpus and its mutations through a
 * {@link org.resnet4j.fuzz.FuzzTarget} and judges each input (accepted, a typed error naming the file, or a finding:
 * a crash, a hang, or an allocation out of proportion to the file); {@link org.resnet4j.fuzz.ByteMutations} and
 * {@link org.resnet4j.fuzz.JsonHeaderMutations} make the inputs. It replaces Jazzer, whose runtime carries a copy of
 * the Kotlin standard library (see docs/reliability.md).
 */
package org.resnet4j.fuzz;
