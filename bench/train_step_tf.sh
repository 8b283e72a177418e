#!/usr/bin/env bash
# ms per training step of the seed's mnist-resnet18 (batch 128, Adam) through Trainer.fit on tf, compiled step and
# eager tape, next to PyTorch (bench/pytorch_train_seed.py), one right after the other, 2 threads each.
#   bench/train_step_tf.sh [STEPS] [DATA_DIR] [SIDES]  (defaults: 6, /usr/share/datasets/fashion-mnist,
#                                                       "compiled pytorch tape")
# Extra JVM options go in JAVA_OPTS (for example -Dresnet4j.tf.stepStats=3 for TensorFlow's per-op timings).
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS="${1:-6}"
DATA="${2:-/usr/share/datasets/fashion-mnist}"
SIDES="${3:-compiled pytorch tape}"
./mvnw -B -o -q -pl resnet-models,backend-tf -am compile >&2
M2="${M2_REPO:-$HOME/.m2/repository}"
CP="api/target/classes:backend-tf/target/classes:backend-tf/src/main/resources:resnet-models/target/classes"
CP="$CP:$M2/org/tensorflow/tensorflow-core-api/1.1.0/tensorflow-core-api-1.1.0.jar"
CP="$CP:$M2/org/tensorflow/tensorflow-core-native/1.1.0/tensorflow-core-native-1.1.0.jar"
CP="$CP:$M2/org/tensorflow/tensorflow-core-native/1.1.0/tensorflow-core-native-1.1.0-linux-x86_64.jar"
CP="$CP:$M2/org/tensorflow/ndarray/1.0.0/ndarray-1.0.0.jar"
CP="$CP:$M2/com/google/protobuf/protobuf-java/3.21.9/protobuf-java-3.21.9.jar"
CP="$CP:$M2/org/bytedeco/javacpp/1.5.11/javacpp-1.5.11.jar:$M2/org/bytedeco/javacpp/1.5.11/javacpp-1.5.11-linux-x86_64.jar"
CP="$CP:$M2/io/jhdf/jhdf/0.13.0/jhdf-0.13.0.jar"
export TF_CPP_MIN_LOG_LEVEL=2
lscpu | grep -E 'Model name|Flags'
uptime
run_tf() {
    java -Xmx4g -Dresnet4j.tf.threads=2 ${JAVA_OPTS:-} "$@" -cp "$CP" bench/TfTrainingStepBench.java "$DATA" "$STEPS" 128 tf
}
for side in $SIDES; do
    case "$side" in
        compiled) run_tf -Dresnet4j.tf.compiledStep=true ;;
        tape) run_tf -Dresnet4j.tf.compiledStep=false ;;
        pytorch) /usr/bin/python3 bench/pytorch_train_seed.py --data-dir "$DATA" --epochs 1 --max-steps "$STEPS" \
                     --threads 2 ;;
        *) echo "unknown side $side (compiled, tape or pytorch)" >&2; exit 2 ;;
    esac
done
