/**
 * The classpath guard against hidden Kotlin: the enforcer bans Kotlin artifacts by name, these tests look inside every
 * jar (repacked and shaded ones included) for Kotlin's classes.
 */
package org.resnet4j.kotlinfree;
