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

{{- define "coachwork.image" -}}
{{ .root.Values.images.registry }}/{{ .name }}:{{ .root.Values.images.tag | default .root.Chart.AppVersion }}
{{- end }}

{{- define "coachwork.jwtSecretName" -}}
{{ .Values.jwt.existingSecret | default "coachwork-jwt" }}
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

{{/* HS256 secret in use: given, or generated because no JWKS URI was set either. */}}
{{- define "coachwork.jwtHs256" -}}
{{- if or .Values.jwt.secret .Values.jwt.existingSecret (not .Values.jwt.jwksUri) }}true{{ else }}false{{ end }}
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
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 5
  failureThreshold: 30
livenessProbe:
  httpGet: {path: /actuator/health/liveness, port: http}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /actuator/health/readiness, port: http}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end }}

{{/* Environment every service gets: port, Kafka, JWT, tracing, JVM options, commonEnv. */}}
{{- define "coachwork.commonEnv" -}}
{{- $v := .root.Values -}}
- name: SERVER_PORT
  value: {{ .svc.port | quote }}
- name: COACHWORK_KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required" $v.kafka.bootstrapServers | quote }}
{{- if eq (include "coachwork.jwtHs256" .root) "true" }}
- name: COACHWORK_SECURITY_JWT_SECRET
  valueFrom:
    secretKeyRef: {name: {{ include "coachwork.jwtSecretName" .root }}, key: jwt-secret}
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
- name: MANAGEMENT_TRACING_SAMPLING_PROBABILITY
  value: {{ $v.opentelemetryCollector.samplingProbability | quote }}
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
  replicas: {{ $svc.replicas }}
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
      containers:
        - name: server
          image: {{ include "coachwork.image" . }}
          imagePullPolicy: {{ $root.Values.images.pullPolicy }}
          {{- with include "coachwork.containerSecurityContext" $root }}{{ . | nindent 10 }}{{ end }}
          ports:
            - name: http
              containerPort: {{ $svc.port }}
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
{{- if gt (int $svc.replicas) 1 }}
---
# Keeps one pod serving through node drains; only meaningful with several replicas.
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "coachwork.labels" . | nindent 4 }}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      {{- include "coachwork.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}
