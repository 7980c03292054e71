#!/usr/bin/env bash
# Compares S3Driver.put with the AWS SDK's own uploads against one s3proxy in one JVM.
#
# Usage: bench/s3/run.sh [REPS] [SIZE_MIB]     (defaults: 5 repetitions of 100 MiB)
# Set MVN_FLAGS=-o to build offline. Needs Java 17+ and Maven. s3proxy keeps the objects in a
# temporary folder that the benchmark deletes at the end.
set -euo pipefail

reps="${1:-5}"
size_mib="${2:-100}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/s3/target"

cd "$root"
rm -rf "$out"
mkdir -p "$out"
mvn -B -q ${MVN_FLAGS:-} -pl storage-api,storage-ejb install -DskipTests
mvn -B -q ${MVN_FLAGS:-} -Dstyle.color=never -pl storage-ejb dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt"
classpath="$root/storage-ejb/target/classes:$root/storage-ejb/target/test-classes:$(cat "$out/classpath.txt")"

javac -d "$out/classes" -cp "$classpath" "$root/bench/s3/S3DriverBenchmark.java"

echo "$(java -version 2>&1 | head -1), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "$out/classes:$classpath" dev.tracks.storage.bench.S3DriverBenchmark "$reps" "$size_mib"
