/**
 * Every rendered object against the Kubernetes API schemas, as carried by kubernetes-models (the
 * core API) and @kubernetes-models/prometheus-operator (ServiceMonitor, PrometheusRule):
 *
 * - `validate()`: the JSON schema of the kind (types, required fields, formats, enums);
 * - unknown fields: the schemas allow extra properties, as the API's OpenAPI does, so a misspelt
 *   field (`readinesProbe`) would pass them while the API server refuses it (strict field
 *   validation). Each object is therefore also type-checked by TypeScript against the package's
 *   declaration of its kind, whose excess-property check names every field the kind does not have.
 */
import { resolve } from 'node:path';
import ts from 'typescript';
import type { K8sObject } from './render.js';

const MODELS: Record<string, string> = {
  'v1/ServiceAccount': 'kubernetes-models/v1/ServiceAccount',
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap',
  'v1/Secret': 'kubernetes-models/v1/Secret',
  'v1/Service': 'kubernetes-models/v1/Service',
  'v1/PersistentVolumeClaim': 'kubernetes-models/v1/PersistentVolumeClaim',
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment',
  'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget',
  'networking.k8s.io/v1/Ingress': 'kubernetes-models/networking.k8s.io/v1/Ingress',
  'monitoring.coreos.com/v1/ServiceMonitor':
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor',
  'monitoring.coreos.com/v1/PrometheusRule':
    '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule',
};

const describeObject = (o: K8sObject) => `${o.kind} ${o.metadata?.name ?? '(no name)'}`;

function modelPath(object: K8sObject): string | undefined {
  return MODELS[`${object.apiVersion}/${object.kind}`];
}

/** Problems the kind's JSON schema finds, one line each; an unknown kind is a problem too. */
export async function schemaProblems(object: K8sObject): Promise<string[]> {
  const path = modelPath(object);
  if (!path) return [`${describeObject(object)}: no schema known for ${object.apiVersion} ${object.kind}`];
  const module = (await import(path)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = module[object.kind];
  if (!Model) return [`${describeObject(object)}: ${path} exports no ${object.kind}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [`${describeObject(object)}: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/** Fields that the kind does not have, and values of the wrong type, as TypeScript reports them. */
export function typeProblems(objects: K8sObject[]): string[] {
  const fileName = resolve('test/integration/deploy/__rendered__.ts');
  const starts: number[] = [];
  let source = '';
  objects.forEach((object, i) => {
    const path = modelPath(object);
    if (!path) return;
    starts[i] = source.length;
    source += `import type { I${object.kind} as T${i} } from '${path}';\n`;
    source += `export const o${i}: T${i} = ${JSON.stringify(object, null, 1)};\n`;
  });
  const host = ts.createCompilerHost({});
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram(
    [fileName],
    {
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      types: [],
      lib: ['lib.es2022.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
    },
    host,
  );
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    const at = diagnostic.start ?? 0;
    const index = starts.reduce((found, start, i) => (start !== undefined && start <= at ? i : found), -1);
    const object = objects[index];
    return `${object ? describeObject(object) : (diagnostic.file?.fileName ?? 'compiler')}: ${message}`;
  });
}
