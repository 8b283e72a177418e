#!/usr/bin/env bash
# Builds a self-contained folder for verifying the jcuda backend on a GPU machine that has no Java:
# a jlink'ed Java runtime, the backend, api and models jars, JCuda, the backend's test classes, the models module's
# test classes (for the shared torchvision goldens, CudaGoldenTest, and the ResNet-50 benchmark; the fixtures come in
# api's test-jar), the JUnit console launcher, verify.sh and the PyTorch comparison script.
#
# Run from the repository root on a machine with JDK 17 and Maven (no GPU needed):
#   backend-jcuda/gpu/build-bundle.sh [OUTDIR]        (default: backend-jcuda/target/gpu-bundle)
# Then copy OUTDIR to the GPU machine and run OUTDIR/verify.sh there.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/backend-jcuda/target/gpu-bundle}"
junit_platform="${JUNIT_PLATFORM_VERSION:-1.11.3}"
cd "$root"

# The models module is built for its jar and test classes only; its test classpath (every backend) is not used.
# A relative output file lands in each module's own target/.
mvn -B -q -pl backend-jcuda,resnet-models -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test

rm -rf "$out"
mkdir -p "$out/lib"
cp backend-jcuda/target/resnet4j-backend-jcuda-*.jar "$out/lib/"
rm -f "$out"/lib/*-tests.jar "$out"/lib/*-sources.jar
cp resnet-models/target/resnet4j-models-*.jar "$out/lib/"
rm -f "$out"/lib/*-tests.jar "$out"/lib/*-sources.jar
cp -r backend-jcuda/target/test-classes "$out/test-classes"
cp -r resnet-models/target/test-classes "$out/models-test-classes"
# JUnit's own jars come inside the console launcher (two copies of the engine would be found twice);
# byte-buddy serves only AssertJ's soft assertions, which these tests do not use (it keeps the bundle small).
tr ':' '\n' < backend-jcuda/target/test-classpath.txt \
    | grep -v -E '/(junit-jupiter|junit-platform|opentest4j|apiguardian|byte-buddy)' \
    | while read -r jar; do cp "$jar" "$out/lib/"; done

mvn -B -q dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_platform" \
    -DoutputDirectory="$out/launcher"

# The smallest runtime that runs the launcher, the tests and JCuda: jdeps finds the modules, a few are added
# for what is loaded reflectively (JUnit's logging, JCuda's unsafe access).
modules="$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 \
    "$out"/launcher/*.jar "$out"/lib/*.jar 2>/dev/null || true)"
modules="${modules:-java.base}"
jlink --add-modules "$modules,java.logging,java.management,jdk.unsupported,jdk.crypto.ec" \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/runtime"

cp backend-jcuda/gpu/verify.sh backend-jcuda/gpu/bench_torch.py "$out/"
chmod +x "$out/verify.sh"
git -C "$root" rev-parse HEAD > "$out/COMMIT" 2>/dev/null || true
du -sh "$out"
echo "bundle: $out (modules: $modules)"
