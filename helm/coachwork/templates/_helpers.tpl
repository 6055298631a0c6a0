{{/*
Shared pieces of the six service templates. Most helpers take a context
dict "root" $ "name" "<service>" "svc" .Values.<serviceKey>.
Resource names are the plain service names (like Online Boutique): the gateway routes
and k8s/ manifests rely on them, so install one release per namespace.
*/}}

{{- define "coachwork.chart" -}}
{{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels: only `app`, identical in k8s/ so both can be swapped in place. */}}
{{- define "coachwork.selectorLabels" -}}
app: {{ .name }}
{{- end }}

{{- define "coachwork.labels" -}}
{{ include "coachwork.selectorLabels" . }}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: coachwork
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "coachwork.chart" .root }}
{{- end }}

{{/* <registry>/<repository>[:tag|@digest], each part from the service's image override or images.*. */}}
{{- define "coachwork.image" -}}
{{- $i := .svc.image | default dict -}}
{{- $ref := printf "%s/%s" ($i.registry | default .root.Values.images.registry) ($i.repository | default .name) -}}
{{- if $i.digest -}}
{{ $ref }}@{{ $i.digest }}
{{- else -}}
{{ $ref }}:{{ $i.tag | default .root.Values.images.tag | default .root.Chart.AppVersion }}
{{- end }}
{{- end }}

{{/* The chart's own Secret when jwt.secret is given, otherwise jwt.existingSecret. */}}
{{- define "coachwork.jwtSecretName" -}}
{{ if .Values.jwt.secret }}coachwork-jwt{{ else }}{{ .Values.jwt.existingSecret }}{{ end }}
{{- end }}
{{- define "coachwork.jwtSecretKey" -}}
{{ if .Values.jwt.secret }}jwt-secret{{ else }}{{ .Values.jwt.existingSecretKey }}{{ end }}
{{- end }}
{{- define "coachwork.dbSecretName" -}}
{{ .Values.database.existingSecret | default "coachwork-db" }}
{{- end }}
{{- define "coachwork.redisSecretName" -}}
{{ .Values.redis.existingSecret | default "coachwork-redis" }}
{{- end }}
{{- define "coachwork.loadGeneratorSecretName" -}}
{{ .Values.loadGenerator.existingSecret | default "coachwork-loadgenerator" }}
{{- end }}

{{/* HS256 secret in use: given explicitly or from an existing Secret (never generated: a
     generated value would change on every `helm template` and log every user out). */}}
{{- define "coachwork.jwtHs256" -}}
{{- if or .Values.jwt.secret .Values.jwt.existingSecret }}true{{ else if .Values.jwt.jwksUri }}false{{ else }}
{{- fail "Set jwt.secret, jwt.existingSecret or jwt.jwksUri" }}{{ end }}
{{- end }}

{{/* OTLP/HTTP base URL the services export to, or empty when tracing export is off. */}}
{{- define "coachwork.otlpEndpoint" -}}
{{- if .Values.opentelemetryCollector.endpoint -}}
{{ .Values.opentelemetryCollector.endpoint | trimSuffix "/" }}
{{- else if .Values.opentelemetryCollector.create -}}
http://{{ .Values.opentelemetryCollector.name }}:4318
{{- end }}
{{- end }}

{{/* Pod-level settings shared by every workload (argument: root). */}}
{{- define "coachwork.podCommon" -}}
automountServiceAccountToken: false
{{- if .Values.securityContext.enable }}
securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
  seccompProfile:
    type: RuntimeDefault
{{- end }}
{{- with .Values.images.pullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Container securityContext (argument: root). /tmp is an emptyDir, the rest read-only. */}}
{{- define "coachwork.containerSecurityContext" -}}
{{- if .Values.securityContext.enable -}}
securityContext:
  allowPrivilegeEscalation: false
  privileged: false
  readOnlyRootFilesystem: true
  capabilities:
    drop: [ALL]
{{- end }}
{{- end }}

{{/* Spring Boot probe groups. The startup probe gives a cold JVM (Flyway, Kafka) up to
     150 s before liveness may restart it, so liveness itself can stay strict. */}}
{{- define "coachwork.probes" -}}
startupProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 5
  failureThreshold: 30
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: management}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: management}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end }}

{{/* Environment every service gets: port, Kafka, JWT, tracing, JVM options, commonEnv. */}}
{{- define "coachwork.commonEnv" -}}
{{- $v := .root.Values -}}
- name: SERVER_PORT
  value: {{ .svc.port | quote }}
- name: MANAGEMENT_SERVER_PORT
  value: {{ $v.management.port | quote }}
- name: LOGGING_STRUCTURED_FORMAT_CONSOLE
  value: {{ $v.logging.format | quote }}
- name: MANAGEMENT_TRACING_SAMPLING_PROBABILITY
  value: {{ $v.tracing.samplingProbability | quote }}
- name: COACHWORK_KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required" $v.kafka.bootstrapServers | quote }}
{{- if eq (include "coachwork.jwtHs256" .root) "true" }}
- name: COACHWORK_SECURITY_JWT_SECRET
  valueFrom:
    secretKeyRef: {name: {{ include "coachwork.jwtSecretName" .root }}, key: {{ include "coachwork.jwtSecretKey" .root }}}
{{- end }}
{{- with $v.jwt.jwksUri }}
- name: COACHWORK_SECURITY_JWT_JWKS_URI
  value: {{ . | quote }}
{{- end }}
{{- with include "coachwork.otlpEndpoint" .root }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
- name: MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT
  value: {{ printf "%s/v1/traces" . | quote }}
{{- end }}
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "%s -Djava.io.tmpdir=/tmp" (.svc.javaOpts | default "") | trim | quote }}
{{- range $k, $val := $v.commonEnv }}
- name: {{ $k }}
  value: {{ $val | toString | quote }}
{{- end }}
{{- end }}

{{/* R2DBC (runtime) and Flyway (JDBC, migrations at startup) credentials from the DB Secret. */}}
{{- define "coachwork.databaseEnv" -}}
{{- $secret := include "coachwork.dbSecretName" .root -}}
- name: SPRING_R2DBC_URL
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: {{ .name }}-r2dbc-url}
- name: SPRING_FLYWAY_URL
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: {{ .name }}-jdbc-url}
{{- range list "SPRING_R2DBC_USERNAME" "SPRING_FLYWAY_USER" }}
- name: {{ . }}
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: username}
{{- end }}
{{- range list "SPRING_R2DBC_PASSWORD" "SPRING_FLYWAY_PASSWORD" }}
- name: {{ . }}
  valueFrom:
    secretKeyRef: {name: {{ $secret }}, key: password}
{{- end }}
{{- end }}

{{/* Per-service env map last, so it can override anything above. */}}
{{- define "coachwork.extraEnv" -}}
{{- range $k, $val := .svc.env }}
- name: {{ $k }}
  value: {{ $val | toString | quote }}
{{- end }}
{{- end }}

{{/*
The whole Deployment + Service (+ ServiceAccount, PodDisruptionBudget) of one service.
Extra argument "env": name of a template with service-specific env entries (or "").
*/}}
{{- define "coachwork.service" -}}
{{- $root := .root -}}
{{- $svc := .svc -}}
{{- if $root.Values.serviceAccounts.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "coachwork.labels" . | nindent 4 }}
  {{- with $root.Values.serviceAccounts.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
---
{{- end }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "coachwork.labels" . | nindent 4 }}
spec:
  {{- if not $svc.autoscaling.enabled }}
  replicas: {{ $svc.replicas }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "coachwork.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "coachwork.labels" . | nindent 8 }}
      {{- with $root.Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ $root.Values.serviceAccounts.create | ternary .name "default" }}
      # Spring Boot finishes in-flight requests on SIGTERM (graceful shutdown).
      terminationGracePeriodSeconds: 30
      {{- include "coachwork.podCommon" $root | nindent 6 }}
      {{- include "coachwork.topologySpread" . | nindent 6 }}
      containers:
        - name: server
          image: {{ include "coachwork.image" . }}
          imagePullPolicy: {{ $root.Values.images.pullPolicy }}
          {{- with include "coachwork.containerSecurityContext" $root }}{{ . | nindent 10 }}{{ end }}
          ports:
            - name: http
              containerPort: {{ $svc.port }}
            - name: management
              containerPort: {{ $root.Values.management.port }}
          env:
            {{- include "coachwork.commonEnv" . | nindent 12 }}
            {{- if $svc.database }}
            {{- include "coachwork.databaseEnv" . | nindent 12 }}
            {{- end }}
            {{- if .env }}
            {{- include .env . | nindent 12 }}
            {{- end }}
            {{- if $svc.env }}
            {{- include "coachwork.extraEnv" . | nindent 12 }}
            {{- end }}
          {{- with $svc.envFrom }}
          envFrom:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          resources:
            {{- toYaml $svc.resources | nindent 12 }}
          {{- include "coachwork.probes" . | nindent 10 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "coachwork.labels" . | nindent 4 }}
spec:
  type: {{ $svc.serviceType | default "ClusterIP" }}
  selector:
    {{- include "coachwork.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $svc.port }}
      targetPort: http
    - name: management
      port: {{ $root.Values.management.port }}
      targetPort: management
{{- if and $svc.pdb.enabled (or $svc.autoscaling.enabled (gt (int $svc.replicas) 1)) }}
---
# Keeps pods serving through node drains; only meaningful with several replicas.
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "coachwork.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ $svc.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "coachwork.selectorLabels" . | nindent 6 }}
{{- end }}
{{- if $svc.autoscaling.enabled }}
---
# Owns spec.replicas while enabled: the Deployment renders none, so upgrades never undo scaling.
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "coachwork.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ .name }}
  minReplicas: {{ $svc.autoscaling.minReplicas }}
  maxReplicas: {{ $svc.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $svc.autoscaling.targetCPUUtilizationPercentage }}
    {{- if $svc.autoscaling.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ $svc.autoscaling.targetMemoryUtilizationPercentage }}
    {{- end }}
{{- end }}
{{- end }}

{{/* Spread one service's pods over the configured topology keys (argument: service dict). */}}
{{- define "coachwork.topologySpread" -}}
{{- $t := .root.Values.topologySpread -}}
{{- if $t.enabled }}
topologySpreadConstraints:
{{- range $t.topologyKeys }}
  - maxSkew: {{ $t.maxSkew }}
    topologyKey: {{ . }}
    whenUnsatisfiable: {{ $t.whenUnsatisfiable }}
    labelSelector:
      matchLabels:
        {{- include "coachwork.selectorLabels" $ | nindent 8 }}
{{- end }}
{{- end }}
{{- end }}

{{/* The services of the chart: name -> values key. */}}
{{- define "coachwork.services" -}}
gateway-service: gatewayService
subscription-service: subscriptionService
wallet-service: walletService
session-service: sessionService
scheduling-service: schedulingService
notification-service: notificationService
{{- end }}
