/**
 * Renders deploy/kubernetes with `kubectl kustomize` (kustomize is built into kubectl) and reads what
 * it prints: the objects a user would apply. No cluster is involved.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const DEPLOY_DIR = resolve('deploy/kubernetes');

export const KUBECTL_MISSING =
  'kubectl was not found on PATH: install kubectl 1.27 or newer (kustomize v5 is built in) to render ' +
  'and check deploy/kubernetes (.ci/run requires it)';

/** A rendered object, loosely typed: the tests read what they check and validate the rest by schema. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: rendered YAML, checked field by field by the tests
  spec?: any;
  data?: Record<string, string>;
}

export function findKubectl(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'kubectl');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/**
 * A describe block that needs kubectl: skipped, with the reason printed and in its title, where
 * kubectl is missing (.ci/run refuses to run without it, so CI never skips).
 */
export function describeWithKubectl(title: string, body: () => void): void {
  if (findKubectl()) {
    describe(title, body);
    return;
  }
  console.warn(`${title}: SKIPPED: ${KUBECTL_MISSING}`);
  describe.skip(`${title}: SKIPPED, ${KUBECTL_MISSING}`, body);
}

/** `kubectl kustomize DIR` parsed; DIR relative to deploy/kubernetes. */
export function render(dir: string): K8sObject[] {
  const yaml = execFileSync('kubectl', ['kustomize', join(DEPLOY_DIR, dir)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(yaml).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`kubectl kustomize ${dir}: ${doc.errors[0]?.message}`);
    return doc.toJS() as K8sObject;
  });
}

/**
 * An overlay with components added, as a user's own kustomization would list them. Kustomize takes
 * only relative paths, so the scratch kustomization names them relative to itself.
 */
export function renderWithComponents(overlay: string, components: string[]): K8sObject[] {
  const scratch = mkdtempSync(join(tmpdir(), 'nessus-gap-kustomize-'));
  try {
    const rel = (dir: string) => relative(scratch, join(DEPLOY_DIR, dir));
    writeFileSync(
      join(scratch, 'kustomization.yaml'),
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        `  - ${rel(overlay)}`,
        'components:',
        ...components.map((c) => `  - ${rel(c)}`),
        '',
      ].join('\n'),
    );
    return render(relative(DEPLOY_DIR, scratch));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function only(objects: K8sObject[], kind: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0] as K8sObject;
}
