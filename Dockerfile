# syntax=docker/dockerfile:1
# One image recipe for every service: docker build --build-arg SERVICE=wallet-service -t coachwork/wallet-service .
ARG SERVICE=gateway-service

FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
# The Maven cache mount keeps dependencies between builds of the six images (BuildKit).
# -am builds the shared platform module the service depends on.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -q -B -pl "${SERVICE}" -am -DskipTests package \
 && cp "${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT-exec.jar" /app.jar

FROM eclipse-temurin:17-jre
ARG SERVICE
LABEL org.opencontainers.image.title="coachwork-${SERVICE}"
# Fixed numeric uid/gid so Kubernetes runAsNonRoot can verify it and fsGroup matches.
RUN groupadd --system --gid 10001 coachwork \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin coachwork
WORKDIR /app
COPY --from=build --chown=10001:10001 /app.jar /app/app.jar
USER 10001:10001
# Size the heap from the container limit; die on OOM so the orchestrator restarts a clean JVM.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
