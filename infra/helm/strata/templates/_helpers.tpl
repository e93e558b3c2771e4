{{- define "strata.fullname" -}}
{{- printf "%s-strata" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "strata.labels" -}}
app.kubernetes.io/name: strata
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{- define "strata.secretName" -}}
{{- default (printf "%s-engines" (include "strata.fullname" .)) .Values.existingSecret -}}
{{- end -}}
