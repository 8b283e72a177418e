/** The primitive operations every backend implements, and the value types that configure them. */
package org.resnet4j.ops;
