package org.resnet4j.models.resnet;

/** The paper's shortcut options for the CIFAR-10 ResNets when a stage widens (section 3.3). */
public enum CifarShortcut {
    /** Option A: identity with stride-2 subsampling and zero-padded extra channels; parameter-free. */
    A_ZERO_PAD,
    /** Option B: a projection (1x1 conv + BN) where the shape changes, identity elsewhere. */
    B_PROJECTION
}
