# shellcheck shell=bash
# Shared by dev/stack and dev/token (sourced, not executed): repository paths and the
# classpath of the platform test helpers (LocalKafkaBroker, DevToken), which are test classes
# and therefore not inside any executable jar.

COACHWORK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEV_DIR="$COACHWORK_ROOT/.dev"
PLATFORM_CLASSPATH_FILE="$DEV_DIR/platform-test.classpath"
# Same value as the services' local default, so tokens minted here validate everywhere.
LOCAL_JWT_SECRET=coachwork-local-development-secret-0123456789

mvnw() { (cd "$COACHWORK_ROOT" && ./mvnw -q -B "$@"); }

# Builds platform (classes + test classes) and writes its test-scope dependency classpath.
# Pass "force" to rebuild even when the file exists (dev/stack up does, after a build).
ensure_platform_classpath() {
  if [[ ${1:-} != force && -s $PLATFORM_CLASSPATH_FILE \
        && -d $COACHWORK_ROOT/platform/target/test-classes ]]; then
    return 0
  fi
  mkdir -p "$DEV_DIR"
  echo "Building platform test helpers (classpath -> ${PLATFORM_CLASSPATH_FILE#"$COACHWORK_ROOT"/})..." >&2
  mvnw -pl platform -am -DskipTests install >&2 \
    && mvnw -pl platform dependency:build-classpath -Dmdep.includeScope=test \
         -Dmdep.outputFile="$PLATFORM_CLASSPATH_FILE" >&2
}

platform_java_cp() {
  printf '%s' "$COACHWORK_ROOT/platform/target/test-classes:$COACHWORK_ROOT/platform/target/classes:$(cat "$PLATFORM_CLASSPATH_FILE")"
}

# dev_token ROLE ID [NAME] [EMAIL] -> prints only the JWT (DevToken's last stdout line).
# DevToken also publishes the user to identity.users, so Kafka must be reachable.
dev_token() {
  local out
  out=$(java -cp "$(platform_java_cp)" io.coachwork.platform.test.dev.DevToken \
          "${COACHWORK_KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}" \
          "${COACHWORK_SECURITY_JWT_SECRET:-$LOCAL_JWT_SECRET}" "$@") || return 1
  out=$(printf '%s\n' "$out" | tail -n 1)
  [[ -n $out ]] || return 1
  printf '%s\n' "$out"
}
