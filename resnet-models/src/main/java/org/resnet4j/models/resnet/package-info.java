/** The residual blocks a/b/c/d, written once against the api, and the ResNet family built from them. */
package org.resnet4j.models.resnet;
