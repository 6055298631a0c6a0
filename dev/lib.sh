# shellcheck shell=bash
# Shared by dev/stack, dev/token and dev/topup (sourced, not executed): repository paths and the
# classpath of the platform test helpers (LocalKafkaBroker, DevToken, LocalStripe, StripeWebhooks),
# which are test classes and therefore not inside any executable jar.

COACHWORK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEV_DIR="$COACHWORK_ROOT/.dev"
PLATFORM_CLASSPATH_FILE="$DEV_DIR/platform-test.classpath"
# Where the local broker's address is written when it starts (it listens on a free port).
KAFKA_BOOTSTRAP_FILE="$DEV_DIR/kafka.bootstrap"
# Same value as the services' local default, so tokens minted here validate everywhere.
LOCAL_JWT_SECRET=coachwork-local-development-secret-0123456789
# Lets an external scheduler (or you, with curl) run jobs at /api/cron/...; local value only.
LOCAL_CRON_SECRET=${CRON_SECRET:-coachwork-local-cron-secret}
# Signs Stream-format join tokens on the local stack (not a Stream account; tokens work with no real call).
LOCAL_STREAM_SECRET=coachwork-local-stream-secret-0123456789
# A demo Agora app id and certificate (32 hex digits each, no Agora project behind them): join tokens
# are well-formed AccessToken2 strings, but Agora's servers would refuse them.
LOCAL_AGORA_APP_ID=0123456789abcdef0123456789abcdef
LOCAL_AGORA_APP_CERTIFICATE=fedcba9876543210fedcba9876543210
# The local Stripe stand-in (LocalStripe) that wallet-service calls instead of Stripe. Key and
# webhook secret are local, non-secret values: the stand-in accepts any sk_ key, and the secret
# only has to match between wallet-service and the webhooks dev/topup signs.
LOCAL_STRIPE_PORT=12111
LOCAL_STRIPE_URL=http://localhost:$LOCAL_STRIPE_PORT
LOCAL_STRIPE_API_KEY=sk_test_local
LOCAL_STRIPE_WEBHOOK_SECRET=whsec_coachwork_local_development
# Stand-in signing key of a Calendly webhook subscription (scheduling-service verifies, dev/calendly signs).
LOCAL_CALENDLY_SIGNING_KEY=coachwork-local-calendly-signing-key

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

# The local stack's Kafka, unless COACHWORK_KAFKA_BOOTSTRAP_SERVERS names another.
kafka_bootstrap() {
  if [[ -n ${COACHWORK_KAFKA_BOOTSTRAP_SERVERS:-} ]]; then
    printf '%s' "$COACHWORK_KAFKA_BOOTSTRAP_SERVERS"
  elif [[ -s $KAFKA_BOOTSTRAP_FILE ]]; then
    cat "$KAFKA_BOOTSTRAP_FILE"
  else
    echo "dev: no Kafka address in ${KAFKA_BOOTSTRAP_FILE#"$COACHWORK_ROOT"/}: start the stack (dev/stack up) or set COACHWORK_KAFKA_BOOTSTRAP_SERVERS" >&2
    return 1
  fi
}

# dev_token [--zone ZONE] ROLE ID [NAME] [EMAIL] [--and ROLE ID ...] -> prints only the JWTs, one line per user
# (DevToken's last stdout lines). DevToken also publishes each user to identity.users, so Kafka must be reachable.
dev_token() {
  local out bootstrap arg users=1
  for arg in "$@"; do [[ $arg == --and ]] && users=$((users + 1)); done
  bootstrap=$(kafka_bootstrap) || return 1
  # A short-lived JVM: C1 and the serial collector start it fastest.
  out=$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$(platform_java_cp)" io.coachwork.platform.test.dev.DevToken \
          "$bootstrap" "${COACHWORK_SECURITY_JWT_SECRET:-$LOCAL_JWT_SECRET}" "$@") || return 1
  out=$(printf '%s\n' "$out" | tail -n "$users")
  (($(printf '%s\n' "$out" | grep -c .) == users)) || return 1
  printf '%s\n' "$out"
}
