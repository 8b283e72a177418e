/** The entry point that finds the backends on the classpath and chooses one: {@link org.resnet4j.Backends}. */
package org.resnet4j;
