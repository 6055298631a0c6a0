// Validates Kubernetes manifests (multi-document YAML files or stdin "-") against the Kubernetes
// API schemas (kubernetes-models), the Prometheus Operator CRDs and Strimzi's KafkaTopic.
// Usage: node .ci/validate-manifests.mjs TOOLS_DIR LABEL FILE...   (exit 1 on any invalid document)
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [toolsArg, label, ...files] = process.argv.slice(2);
const tools = resolve(toolsArg);
const require = createRequire(join(tools, 'package.json'));
const YAML = require('yaml');
const Ajv = require('ajv');

// Strimzi publishes no npm models: the part of its KafkaTopic v1beta2 CRD schema the chart uses.
const kafkaTopicSchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    metadata: {
      type: 'object', required: ['name', 'labels'],
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
        labels: { type: 'object', required: ['strimzi.io/cluster'], additionalProperties: { type: 'string' } },
      },
    },
    spec: {
      type: 'object', additionalProperties: false, required: ['partitions', 'replicas'],
      properties: {
        topicName: { type: 'string', pattern: '^[a-zA-Z0-9._-]{1,249}$' },
        partitions: { type: 'integer', minimum: 1 },
        replicas: { type: 'integer', minimum: 1, maximum: 32767 },
        config: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
      },
    },
  },
};
const validateKafkaTopic = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(kafkaTopicSchema);

function modelPath(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
  if (group === 'monitoring.coreos.com') {
    return join(tools, 'node_modules/@kubernetes-models/prometheus-operator', group, version, `${kind}.js`);
  }
  return join(tools, 'node_modules/kubernetes-models', group ?? '', version, `${kind}.js`);
}

async function check(doc) {
  if (doc.apiVersion === 'kafka.strimzi.io/v1beta2' && doc.kind === 'KafkaTopic') {
    if (!validateKafkaTopic(doc)) throw new Error(JSON.stringify(validateKafkaTopic.errors));
    return;
  }
  const file = modelPath(String(doc.apiVersion), String(doc.kind));
  if (!existsSync(file)) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind}`);
  if (doc.kind === 'Secret' && doc.data) {
    // kustomize folds long base64 values over lines; the API server's decoder skips the newlines.
    for (const key of Object.keys(doc.data)) doc.data[key] = String(doc.data[key]).replace(/\s+/g, '');
  }
  const Model = (await import(pathToFileURL(file).href))[doc.kind];
  new Model(doc).validate();
}

let count = 0;
let failed = 0;
for (const file of files) {
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  for (const parsed of YAML.parseAllDocuments(text)) {
    if (parsed.errors.length) {
      console.error(`${label}: ${file}: YAML error: ${parsed.errors[0].message}`);
      failed++;
      continue;
    }
    const doc = parsed.toJS();
    if (doc == null) continue;
    count++;
    try {
      await check(doc);
    } catch (e) {
      failed++;
      console.error(`${label}: INVALID ${doc.kind} ${doc.metadata?.name}: ${e.message}`);
    }
  }
}
if (count === 0) {
  console.error(`${label}: no manifests found`);
  process.exit(1);
}
console.log(`${label}: ${count} manifests, ${failed} invalid`);
process.exit(failed ? 1 : 0);
