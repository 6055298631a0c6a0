// Keeps only the documents of the given kinds from a multi-document YAML on stdin.
// Usage: node .ci/select-kinds.mjs TOOLS_DIR Kind[,Kind...] < all.yaml > some.yaml
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [tools, kinds] = process.argv.slice(2);
const YAML = createRequire(join(resolve(tools), 'package.json'))('yaml');
const wanted = new Set(kinds.split(','));
const docs = YAML.parseAllDocuments(readFileSync(0, 'utf8'))
  .filter((d) => d.contents && wanted.has(d.toJS().kind));
process.stdout.write(docs.map((d) => d.toString()).join('---\n'));
