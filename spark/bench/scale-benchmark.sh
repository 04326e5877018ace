#!/usr/bin/env bash
# Scale benchmark (docs/spark.md): one sweep serial, on 2 threads, on Spark local[2] and on a Spark standalone
# cluster on loopback (a master and one 2-core worker started here from the Maven-resolved jars), each result folder
# compared with the serial one; then Spark's fixed cost from a tiny sweep. Rerun on a quiet machine:
#   spark/bench/scale-benchmark.sh [OUT_DIR]
# The default sweep is scale-sweep.yaml (6-hour variants, about 5 minutes serially); the full-size one, 200 two-day
# quickstart variants (52 minutes serially, about 2 h 20 min for the whole script):
#   SCALE_SWEEP=spark/bench/scale-sweep-quickstart.yaml spark/bench/scale-benchmark.sh [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
wt="$root/windtunnel"
(cd "$root" && mvn -B -q -DskipTests -pl spark,cli -am package > "$out/build.log" 2>&1) || { echo "build failed: $out/build.log"; exit 1; }
cp_spark="$(cat "$root/spark/target/spark-classpath.txt")"
flags="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true --add-exports java.base/jdk.internal.misc=ALL-UNNAMED"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start_cluster() {
    local home="$out/spark-home"; mkdir -p "$home"
    # shellcheck disable=SC2086
    SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_TESTING=1 SPARK_LOCAL_IP=127.0.0.1 java $flags -Xmx512m \
        -cp "$cp_spark" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7177 --webui-port 0 \
        >"$out/master.log" 2>&1 & pids+=($!)
    sleep 8
    # shellcheck disable=SC2086
    SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_TESTING=1 SPARK_LOCAL_IP=127.0.0.1 java $flags -Xmx512m \
        -cp "$cp_spark" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 3g \
        --webui-port 0 --work-dir "$out/work" spark://127.0.0.1:7177 >"$out/worker.log" 2>&1 & pids+=($!)
    sleep 8
}
standalone_opts="-Dspark.executor.extraClassPath=$cp_spark -Dspark.executor.cores=2 -Dspark.cores.max=2 -Dspark.executor.memory=2g -Dspark.driver.host=127.0.0.1"

timed() {   # NAME SWEEP ARGS...
    local name="$1" sweep="$2"; shift 2
    local s e
    s=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$out/$name.cpu" "$wt" sweep "$sweep" --out "$out/$name" "$@" >"$out/$name.log" 2>&1 || { echo "$name failed: $out/$name.log"; exit 1; }
    e=$(date +%s.%N)
    printf "%-22s %8.1f s wall, %s s CPU (user sys) in the launcher JVM\n" "$name" "$(echo "$e - $s" | bc)" "$(tail -1 "$out/$name.cpu")"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)  start: $(date -u +%H:%M:%S) UTC"
scale="$(cd "$root" && realpath "${SCALE_SWEEP:-spark/bench/scale-sweep.yaml}")"
overhead="$root/spark/bench/overhead-sweep.yaml"
echo "sweep: $scale"
timed serial "$scale" --threads 1
timed threads-2 "$scale" --threads 2
timed spark-local-2 "$scale" --spark 'local[2]'
start_cluster
WINDTUNNEL_JAVA_OPTS="$standalone_opts" timed spark-standalone "$scale" --spark spark://127.0.0.1:7177
timed overhead-threads-2 "$overhead" --threads 2
timed overhead-spark-local "$overhead" --spark 'local[2]'
WINDTUNNEL_JAVA_OPTS="$standalone_opts" timed overhead-standalone "$overhead" --spark spark://127.0.0.1:7177
for name in threads-2 spark-local-2 spark-standalone; do
    cmp -s "$out/serial/results.csv" "$out/$name/results.csv" && echo "$name: results.csv identical to serial" \
        || echo "$name: results.csv DIFFERS from serial"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)  end: $(date -u +%H:%M:%S) UTC"
