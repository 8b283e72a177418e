/** The architecture rules that concern the tutorials module's own classes: the command line, benchmarks, lessons. */
package org.resnet4j.architecture;
