#!/usr/bin/env bash
# Runs OpenSearch 3.8.0 (integ-test zip: no security plugin, no bundled JDK) on loopback for the
# peer benchmark: `start [port]` prints its process id once the cluster answers, `stop` ends it.
# The query peer indexes text pre-segmented by our SmartCN analyzer; the import peer
# (ImportPeers) has OpenSearch segment it with its own smartcn plugin, installed here from Maven
# Central (the analysis-smartcn plugin and the Lucene module it wraps).
set -euo pipefail
VERSION=3.8.0
LUCENE=10.5.0 # the Lucene that OpenSearch 3.8.0 ships (lib/lucene-core-10.5.0.jar)
CACHE=${PEERS_CACHE:-$(cd "$(dirname "$0")/.." && pwd)/target/peers}
HOME_DIR=$CACHE/opensearch-$VERSION
JDK=${OPENSEARCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

start() {
  local port=${1:-9201}
  if [ ! -x "$HOME_DIR/bin/opensearch" ]; then
    mvn -B -q dependency:get -Dtransitive=false \
      -Dartifact=org.opensearch.distribution.integ-test-zip:opensearch:$VERSION:zip
    mkdir -p "$CACHE"
    unzip -q -o "$HOME/.m2/repository/org/opensearch/distribution/integ-test-zip/opensearch/$VERSION/opensearch-$VERSION.zip" -d "$CACHE"
  fi
  local plugin=$HOME_DIR/plugins/analysis-smartcn
  if [ ! -f "$plugin/plugin-descriptor.properties" ]; then
    mvn -B -q dependency:get -Dtransitive=false -Dartifact=org.opensearch.plugin:analysis-smartcn:$VERSION
    mvn -B -q dependency:get -Dtransitive=false -Dartifact=org.apache.lucene:lucene-analysis-smartcn:$LUCENE
    mkdir -p "$plugin"
    cp "$HOME/.m2/repository/org/opensearch/plugin/analysis-smartcn/$VERSION/analysis-smartcn-$VERSION.jar" \
      "$HOME/.m2/repository/org/apache/lucene/lucene-analysis-smartcn/$LUCENE/lucene-analysis-smartcn-$LUCENE.jar" "$plugin/"
    cat > "$plugin/plugin-descriptor.properties" <<PROPS
name=analysis-smartcn
version=$VERSION
opensearch.version=$VERSION
java.version=21
description=smartcn
classname=org.opensearch.plugin.analysis.smartcn.AnalysisSmartChinesePlugin
PROPS
  fi
  cat > "$HOME_DIR/config/opensearch.yml" <<YML
network.host: 127.0.0.1
http.port: $port
transport.port: $((port + 100))
discovery.type: single-node
path.data: $HOME_DIR/data
path.logs: $HOME_DIR/logs
YML
  # a fixed 2 GB heap, as in the pilot
  sed -i 's/^-Xms.*/-Xms2g/; s/^-Xmx.*/-Xmx2g/' "$HOME_DIR/config/jvm.options"
  # it refuses to run as root: run it as nobody
  chown -R nobody:nogroup "$HOME_DIR"
  OPENSEARCH_JAVA_HOME=$JDK setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$HOME_DIR/bin/opensearch" -d -p "$HOME_DIR/opensearch.pid" > "$CACHE/opensearch.out" 2>&1
  for _ in $(seq 1 90); do
    if curl -fsS "http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&timeout=1s" > /dev/null 2>&1; then
      cat "$HOME_DIR/opensearch.pid"; echo; return 0
    fi
    sleep 1
  done
  echo "OpenSearch did not answer on port $port within 90 s; see $HOME_DIR/logs" >&2
  return 1
}

stop() {
  if [ -f "$HOME_DIR/opensearch.pid" ]; then
    kill "$(cat "$HOME_DIR/opensearch.pid")" 2> /dev/null || true
    rm -f "$HOME_DIR/opensearch.pid"
  fi
}

case "${1:-}" in
  start) start "${2:-9201}" ;;
  stop) stop ;;
  *) echo "usage: $0 start [port] | stop" >&2; exit 2 ;;
esac
