/** Runnable lessons that build ResNet with the api and run it on whichever backends are present. */
package org.resnet4j.tutorials;
