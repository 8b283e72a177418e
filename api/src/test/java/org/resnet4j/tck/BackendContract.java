package org.resnet4j.tck;

/**
 * The contract every backend passes: all the focused contracts below, on one backend per test class. A backend
 * module implements it in one test class that states only how to make its provider:
 *
 * <pre>{@code
 * class TfBackendContractTest implements BackendContract {
 *     public BackendProvider provider() { return new TfBackendProvider(); }
 * }
 * }</pre>
 *
 * The kit ({@link BackendUnderTest}) creates the backend once for the class, skips every test with the probe's
 * reason where it cannot run, skips the known gaps listed in {@link KnownGaps#SHIPPED} with their reasons, and closes
 * the backend after the class. Each focused contract can be read, and run, on its own:
 *
 * <ul>
 *   <li>{@link ConvolutionContract}: {@code conv2d}, every padding and stride;</li>
 *   <li>{@link NormalizationContract}: batch norm, ReLU, Add;</li>
 *   <li>{@link PoolingContract}: max, average and global average pooling;</li>
 *   <li>{@link ShapeOpsContract}: zero padding and reshape;</li>
 *   <li>{@link DenseAndSoftmaxContract}: dense, softmax, dropout;</li>
 *   <li>{@link CompositionContract}: the ResNet stem, against the reference and torchvision's golden;</li>
 *   <li>{@link HandlesAndThreadsContract}: result handles and concurrent calls;</li>
 *   <li>{@link ShapeErrorContract}: every op's argument errors, in the words of the api's shape rules;</li>
 *   <li>{@link CompiledModelContract}: compiled models against the reference ops, their input errors, closing, and
 *       calls from several threads.</li>
 * </ul>
 *
 * Expected values come from {@link ReferenceOps}, the plain-loop oracle, or from torchvision's fixtures; tolerances
 * are those of {@link TensorComparison}.
 */
public interface BackendContract extends BackendUnderTest, ConvolutionContract, NormalizationContract, PoolingContract,
        ShapeOpsContract, DenseAndSoftmaxContract, CompositionContract, HandlesAndThreadsContract,
        ShapeErrorContract, CompiledModelContract {
}
