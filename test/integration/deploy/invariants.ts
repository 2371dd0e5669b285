/**
 * What must hold of any rendering of deploy/kubernetes, as plain checks that return one line per
 * problem (so a failing test says what is wrong, and the mutation tests can show each check fail).
 * The facts about the bot (its port, paths, drain time, image) are read from the bot and the
 * Dockerfile by the caller, never restated here.
 */
import { posix } from 'node:path';
import { loadConfig } from '../../../src/config/index.js';
import type { RuntimeImage } from './dockerfile.js';
import type { K8sObject } from './render.js';

export interface BotFacts {
  /** What the bot needs to drain after SIGTERM: STOP_GRACE_MS + STOP_SETTLE_MS. */
  drainMs: number;
  /** The bot's paths, each checked against a running bot by the caller. */
  healthPath: string;
  metricsPath: string;
  slackEventsPath: string;
  image: RuntimeImage;
  /** The image tag the manifests must name: the package's version. */
  version: string;
  /** Environment variables whose values are credentials. */
  secretVariables: string[];
}

/** The credentials of further SoftLayer accounts (`softlayer.accounts` in the config file). */
const ACCOUNT_CREDENTIAL = /^SOFTLAYER_[A-Z0-9_]+_(?:USERNAME|API_KEY)$/;

function isSecretVariable(name: string, facts: BotFacts): boolean {
  return facts.secretVariables.includes(name) || ACCOUNT_CREDENTIAL.test(name);
}

/** Time to close the HTTP server and the store after the drain, and for the kubelet's own delays. */
export const CLOSE_MARGIN_S = 5;

/**
 * Peak resident memory of `nessus-gap serve` with a heap cap, on 10,000 targets, the largest run
 * measured (`NODE_OPTIONS=--max-old-space-size=N npx nessus-gap bench --targets 10000 --bot-process`,
 * two runs each; README "Deployment"). A cap not measured here must be measured before it is used.
 */
export const MEASURED_PEAK_MB: Record<number, number> = { 192: 293.8, 256: 308.3 };

/**
 * A second node process in the container, `kubectl exec ... node bin/nessus-gap.js audit|doctor`:
 * `audit` peaks at 82 MB (`/usr/bin/time -f %M`); doctor, loading every client, is counted higher.
 */
export const EXEC_PROCESS_MB = 110;

type Container = {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: Record<string, Record<string, string>> }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field
  securityContext?: any;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
};
type Probe = {
  httpGet?: { path: string; port: number | string };
  periodSeconds?: number;
  failureThreshold?: number;
  timeoutSeconds?: number;
};

export const BOT = 'nessus-gap';

export function deployment(objects: K8sObject[]): K8sObject {
  const found = objects.filter((o) => o.kind === 'Deployment');
  if (found.length !== 1) throw new Error(`expected one Deployment, found ${found.length}`);
  return found[0] as K8sObject;
}

export function botContainer(objects: K8sObject[]): Container {
  const containers = (deployment(objects).spec?.template?.spec?.containers ?? []) as Container[];
  const container = containers.find((c) => c.name === BOT);
  if (!container) throw new Error(`the Deployment has no container named ${BOT}`);
  return container;
}

function podSpec(objects: K8sObject[]) {
  return deployment(objects).spec?.template?.spec ?? {};
}

function podLabels(objects: K8sObject[]): Record<string, string> {
  return deployment(objects).spec?.template?.metadata?.labels ?? {};
}

function selects(
  selector: { matchLabels?: Record<string, string> } | undefined,
  labels: Record<string, string>,
) {
  const wanted = Object.entries(selector?.matchLabels ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value);
}

/** The container port a probe or Service names (by name or number), or null. */
function containerPort(container: Container, port: number | string | undefined): number | null {
  if (typeof port === 'number') return container.ports?.some((p) => p.containerPort === port) ? port : null;
  return container.ports?.find((p) => p.name === port)?.containerPort ?? null;
}

function mebibytes(quantity: string | undefined): number | null {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|K|M|G)?$/.exec(quantity ?? '');
  if (!match) return null;
  const factor: Record<string, number> = {
    Ki: 1 / 1024,
    Mi: 1,
    Gi: 1024,
    K: 1000 / 1024 ** 2,
    M: 1e6 / 1024 ** 2,
    G: 1e9 / 1024 ** 2,
  };
  return Number(match[1]) * (match[2] ? (factor[match[2]] as number) : 1 / 1024 ** 2);
}

function preStopSeconds(container: Container): number {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const command = preStop?.exec?.command ?? [];
  return command[0] === 'sleep' ? Number(command[1]) : 0;
}

/** The environment the bot sees: the image's, then envFrom (ConfigMaps rendered here), then env. */
export function botEnvironment(objects: K8sObject[], facts: BotFacts): Record<string, string> {
  const container = botContainer(objects);
  const env: Record<string, string> = { ...facts.image.env };
  for (const source of container.envFrom ?? []) {
    const map =
      source.configMapRef &&
      objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === source.configMapRef?.name);
    if (map) Object.assign(env, map.data ?? {});
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (variable.valueFrom?.fieldRef) env[variable.name] = 'nessus-gap-7d9c5b6f4-x2x7q';
    else if (variable.name === 'DATABASE_URL' && variable.valueFrom?.secretKeyRef)
      env[variable.name] = 'postgres://nessus_gap:password@postgres.invalid:5432/nessus_gap';
  }
  return env;
}

/** The file a mounted ConfigMap or Secret volume shows at `path`, or null. */
function mountedFile(
  objects: K8sObject[],
  path: string,
): { from: 'ConfigMap' | 'Secret'; text: string | null } | null {
  const container = botContainer(objects);
  const mount = (container.volumeMounts ?? []).find((m) => path.startsWith(`${m.mountPath}/`));
  if (!mount) return null;
  const volume = (podSpec(objects).volumes ?? []).find((v: { name: string }) => v.name === mount.name);
  const key = path.slice(mount.mountPath.length + 1);
  if (volume?.configMap) {
    const map = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === volume.configMap.name);
    return { from: 'ConfigMap', text: map?.data?.[key] ?? null };
  }
  if (volume?.secret) return { from: 'Secret', text: null };
  return null;
}

export function checkEverywhere(objects: K8sObject[], facts: BotFacts): string[] {
  const problems: string[] = [];
  const add = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const dep = deployment(objects);
  const pod = podSpec(objects);
  const container = botContainer(objects);
  const labels = podLabels(objects);
  const env = botEnvironment(objects, facts);

  // The image and what runs.
  add(
    container.image.endsWith(`/${BOT}:${facts.version}`) || container.image === `${BOT}:${facts.version}`,
    `the image ${container.image} is not ${BOT}:${facts.version} (the package version the Dockerfile builds)`,
  );
  add(
    container.command === undefined && container.args === undefined,
    'the container overrides the image command: the Dockerfile CMD (serve) is what runs',
  );

  // Labels and selectors.
  add(selects(dep.spec?.selector, labels), 'the Deployment selector does not select its own pods');
  for (const o of objects.filter((x) => x.kind === 'Service' || x.kind === 'PodDisruptionBudget')) {
    const selector = o.kind === 'Service' ? { matchLabels: o.spec?.selector } : o.spec?.selector;
    add(selects(selector, labels), `the ${o.kind} ${o.metadata.name} does not select the bot's pods`);
  }

  // The replica's name.
  const replica = (container.env ?? []).find((e) => e.name === 'NESSUS_GAP_REPLICA');
  add(
    replica?.valueFrom?.fieldRef?.fieldPath === 'metadata.name',
    'NESSUS_GAP_REPLICA does not come from the pod name (fieldRef metadata.name)',
  );

  // The bot's configuration as the pod would load it: port, config file, store.
  let config: ReturnType<typeof loadConfig> | null = null;
  try {
    config = loadConfig(env, {
      mode: 'cli',
      readFile: (path) => {
        const file = mountedFile(objects, path);
        if (!file) throw new Error(`nothing is mounted at ${path}`);
        if (file.from === 'Secret') return '{}';
        if (file.text === null) throw new Error(`the ConfigMap mounted there has no key for ${path}`);
        return file.text;
      },
    });
  } catch (error) {
    problems.push(`the pod's environment does not load: ${error instanceof Error ? error.message : error}`);
  }
  const port = config?.port ?? null;
  add(
    port !== null && (container.ports ?? []).some((p) => p.containerPort === port),
    `the bot listens on ${port}, which is not a container port`,
  );

  // Probes: the bot's health path on the bot's port; timings that let a drain finish.
  const drainS = facts.drainMs / 1000;
  const preStop = preStopSeconds(container);
  const probes = { readiness: container.readinessProbe, liveness: container.livenessProbe };
  for (const [kind, probe] of Object.entries({ ...probes, startup: container.startupProbe })) {
    if (!probe) {
      add(kind === 'startup', `no ${kind} probe`);
      continue;
    }
    add(
      probe.httpGet?.path === facts.healthPath,
      `the ${kind} probe asks ${probe.httpGet?.path}, not ${facts.healthPath}`,
    );
    add(
      port !== null && containerPort(container, probe.httpGet?.port) === port,
      `the ${kind} probe's port ${probe.httpGet?.port} is not the bot's port ${port}`,
    );
  }
  const window = (p: Probe | undefined) => (p?.periodSeconds ?? 10) * (p?.failureThreshold ?? 3);
  add(
    window(probes.readiness) <= 15,
    `a replica that answers 503 stays in the Service ${window(probes.readiness)} s (readiness period x failures; at most 15)`,
  );
  add(
    window(probes.liveness) > preStop + drainS,
    `the liveness probe would restart a draining replica: ${window(probes.liveness)} s of failures <= preStop ${preStop} s + drain ${drainS} s`,
  );
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  add(
    grace >= preStop + drainS + CLOSE_MARGIN_S,
    `terminationGracePeriodSeconds ${grace} leaves no room for preStop ${preStop} s + drain ${drainS} s + ${CLOSE_MARGIN_S} s to close`,
  );

  // Memory: a heap cap, a request that holds the measured peak under it, a limit above that.
  const heap = /--max-old-space-size=(\d+)/.exec(env.NODE_OPTIONS ?? '')?.[1];
  const request = mebibytes(container.resources?.requests?.memory);
  const limit = mebibytes(container.resources?.limits?.memory);
  if (heap === undefined) {
    problems.push('NODE_OPTIONS sets no --max-old-space-size: the heap would grow past the memory limit');
  } else {
    const peak = MEASURED_PEAK_MB[Number(heap)];
    if (peak === undefined) {
      problems.push(`--max-old-space-size=${heap} was never measured (MEASURED_PEAK_MB): measure it first`);
    } else {
      add(
        request !== null && request >= peak,
        `the memory request ${request} Mi is below the measured peak ${peak} MB`,
      );
      add(
        limit !== null && limit >= peak + EXEC_PROCESS_MB,
        `the memory limit ${limit} Mi has no room for the peak ${peak} MB and a kubectl exec (${EXEC_PROCESS_MB} MB)`,
      );
    }
  }
  add(request !== null && limit !== null && request <= limit, 'the memory request is above the limit');
  add(container.resources?.requests?.cpu !== undefined, 'no CPU request');

  // Security context.
  const podSecurity = pod.securityContext ?? {};
  const security = container.securityContext ?? {};
  add(podSecurity.runAsNonRoot === true || security.runAsNonRoot === true, 'runAsNonRoot is not set');
  const uid = security.runAsUser ?? podSecurity.runAsUser;
  add(typeof uid === 'number' && uid !== 0, `runs as user ${uid}`);
  add(security.allowPrivilegeEscalation === false, 'privilege escalation is not disabled');
  add(security.readOnlyRootFilesystem === true, 'the root file system is writable');
  add(security.privileged !== true, 'the container is privileged');
  add((security.capabilities?.drop ?? []).includes('ALL'), 'capabilities are not all dropped');
  add((security.capabilities?.add ?? []).length === 0, `capabilities added: ${security.capabilities?.add}`);
  add(
    (security.seccompProfile ?? podSecurity.seccompProfile)?.type === 'RuntimeDefault',
    'no RuntimeDefault seccomp profile',
  );
  add(
    pod.automountServiceAccountToken === false,
    'a service account token is mounted (the bot never uses one)',
  );
  add(pod.enableServiceLinks === false, 'service links inject NESSUS_GAP_* variables next to the bot own');

  // Writable places on a read-only root: the temporary directory and, with SQLite, the database's.
  const writable = (dir: string) => {
    const mount = (container.volumeMounts ?? [])
      .filter((m) => dir === m.mountPath || dir.startsWith(`${m.mountPath}/`))
      .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
    const volume = mount && (pod.volumes ?? []).find((v: { name: string }) => v.name === mount.name);
    return (mount !== undefined && mount.readOnly !== true && volume?.emptyDir) ||
      volume?.persistentVolumeClaim
      ? volume
      : null;
  };
  const tmp = env.TMPDIR ?? '/tmp';
  add(writable(tmp) !== null, `the temporary directory ${tmp} is not a writable volume`);
  if (config?.database.kind === 'sqlite') {
    const dir = posix.dirname(posix.resolve('/app', config.database.path));
    add(
      Boolean(writable(dir)?.persistentVolumeClaim),
      `the SQLite store ${config.database.path} is not on a writable PersistentVolumeClaim`,
    );
  }

  // Never two pods on one SQLite file.
  if (config?.database.kind === 'sqlite') {
    add(dep.spec?.replicas === 1, `${dep.spec?.replicas} replicas on one SQLite file`);
    add(
      dep.spec?.strategy?.type === 'Recreate',
      'SQLite without the Recreate strategy: old and new pod would overlap',
    );
    add(!objects.some((o) => o.kind === 'HorizontalPodAutoscaler'), 'an autoscaler on SQLite');
  }

  // Secrets stay in Secrets.
  add(
    (container.envFrom ?? []).some((s) => s.secretRef?.name === 'nessus-gap-credentials'),
    'the credentials do not come from the Secret nessus-gap-credentials',
  );
  for (const variable of container.env ?? []) {
    const isSecret = isSecretVariable(variable.name, facts);
    const harmless = variable.name === 'DATABASE_URL' && variable.value?.startsWith('sqlite:') === true;
    add(
      !isSecret || variable.value === undefined || harmless,
      `${variable.name} is written in the Deployment`,
    );
  }
  for (const map of objects.filter((o) => o.kind === 'ConfigMap')) {
    for (const [key, value] of Object.entries(map.data ?? {})) {
      add(!isSecretVariable(key, facts), `the ConfigMap ${map.metadata.name} holds ${key}`);
      const leak = secretLooking(value);
      add(leak === null, `the ConfigMap ${map.metadata.name} (${key}) holds what looks like ${leak}`);
    }
  }
  const configPath = env.NESSUS_GAP_CONFIG;
  const file = configPath ? mountedFile(objects, configPath) : null;
  add(file !== null, `NESSUS_GAP_CONFIG (${configPath}) is not a mounted ConfigMap or Secret file`);
  if (file?.from === 'ConfigMap') {
    for (const [name, scanner] of Object.entries(config?.scanners ?? {})) {
      add(
        scanner.accessKey === null && scanner.secretKey === null,
        `the ConfigMap's config holds API keys of scanner ${name}: use components/config-in-secret`,
      );
    }
  }

  // The Service: the bot's port, and the scrape annotations pointing at /metrics there.
  for (const service of objects.filter((o) => o.kind === 'Service')) {
    for (const p of service.spec?.ports ?? []) {
      add(
        containerPort(container, p.targetPort) === port,
        `the Service port ${p.name} does not reach the bot's port`,
      );
    }
    const annotations = service.metadata.annotations ?? {};
    add(annotations['prometheus.io/scrape'] === 'true', 'the Service is not marked for scraping');
    add(
      Number(annotations['prometheus.io/port']) === port,
      `the scrape port ${annotations['prometheus.io/port']} is not ${port}`,
    );
    add(
      annotations['prometheus.io/path'] === facts.metricsPath,
      `the scrape path is not ${facts.metricsPath}`,
    );
  }
  const podAnnotations = dep.spec?.template?.metadata?.annotations ?? {};
  add(
    !('prometheus.io/scrape' in podAnnotations),
    'pods and Service both annotated: each replica scraped twice',
  );
  for (const monitor of objects.filter((o) => o.kind === 'ServiceMonitor')) {
    const service = objects.find(
      (o) => o.kind === 'Service' && selects(monitor.spec?.selector, o.metadata.labels ?? {}),
    );
    add(service !== undefined, `the ServiceMonitor ${monitor.metadata.name} selects no Service`);
    for (const endpoint of monitor.spec?.endpoints ?? []) {
      add(
        (service?.spec?.ports ?? []).some((p: { name?: string }) => p.name === endpoint.port),
        `the ServiceMonitor scrapes port ${endpoint.port}, which the Service does not have`,
      );
      add(
        endpoint.path === facts.metricsPath,
        `the ServiceMonitor scrapes ${endpoint.path}, not ${facts.metricsPath}`,
      );
    }
  }

  // The Ingress exposes Slack's path only.
  for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
    for (const rule of ingress.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        add(
          path.path === facts.slackEventsPath && path.pathType === 'Exact',
          `the Ingress exposes ${path.path} (${path.pathType}): only ${facts.slackEventsPath} should leave the cluster`,
        );
        const target = objects.find(
          (o) => o.kind === 'Service' && o.metadata.name === path.backend?.service?.name,
        );
        add(
          (target?.spec?.ports ?? []).some(
            (p: { name?: string; port: number }) =>
              p.name === path.backend?.service?.port?.name || p.port === path.backend?.service?.port?.number,
          ),
          `the Ingress backend ${path.backend?.service?.name} is not a port of the bot's Service`,
        );
      }
    }
  }
  return problems;
}

/** Several replicas: PostgreSQL from a Secret, spread over nodes, disrupted one at a time. */
export function checkReplicas(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const add = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const dep = deployment(objects);
  const pod = podSpec(objects);
  const container = botContainer(objects);
  const labels = podLabels(objects);
  const replicas = dep.spec?.replicas ?? 1;
  add(replicas >= 2, `${replicas} replica(s)`);
  const database = (container.env ?? []).find((e) => e.name === 'DATABASE_URL');
  add(
    database?.valueFrom?.secretKeyRef !== undefined && database.value === undefined,
    'DATABASE_URL does not come from a Secret',
  );
  add(
    !(pod.volumes ?? []).some((v: { persistentVolumeClaim?: unknown }) => v.persistentVolumeClaim),
    'a PersistentVolumeClaim is mounted by every replica',
  );
  const resolveCount = (value: number | string | undefined, fallback: number, roundUp: boolean) => {
    if (value === undefined) return fallback;
    if (typeof value === 'number') return value;
    const share = (Number.parseFloat(value) / 100) * replicas;
    return roundUp ? Math.ceil(share) : Math.floor(share);
  };
  const strategy = dep.spec?.strategy ?? {};
  add(
    (strategy.type ?? 'RollingUpdate') === 'RollingUpdate',
    `the ${strategy.type} strategy stops every replica`,
  );
  const unavailable = resolveCount(strategy.rollingUpdate?.maxUnavailable, Math.floor(replicas / 4), false);
  add(
    replicas - unavailable >= 1,
    `a rolling update may take all ${replicas} replicas down (maxUnavailable ${unavailable})`,
  );

  const budgets = objects.filter(
    (o) => o.kind === 'PodDisruptionBudget' && selects(o.spec?.selector, labels),
  );
  add(budgets.length === 1, `${budgets.length} PodDisruptionBudgets select the bot's pods`);
  for (const budget of budgets) {
    const { minAvailable, maxUnavailable } = budget.spec ?? {};
    const allowed =
      maxUnavailable !== undefined
        ? resolveCount(maxUnavailable, 0, true)
        : replicas - resolveCount(minAvailable, replicas, true);
    add(allowed >= 1, 'the PodDisruptionBudget allows no disruption: node drains would block');
    add(replicas - allowed >= 1, 'the PodDisruptionBudget lets every replica go at once');
  }

  const terms = [
    ...(pod.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(pod.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t: { podAffinityTerm: unknown }) => t.podAffinityTerm,
    ),
  ] as { topologyKey: string; labelSelector?: { matchLabels?: Record<string, string> } }[];
  add(
    terms.some((t) => t.topologyKey === 'kubernetes.io/hostname' && selects(t.labelSelector, labels)),
    'no anti-affinity keeps the replicas on different nodes',
  );
  return problems;
}

/** What would reveal a secret in plain text, or null. */
function secretLooking(value: string): string | null {
  const patterns: [RegExp, string][] = [
    [/xox[abposr]-[A-Za-z0-9-]{6,}/, 'a Slack token'],
    [/xapp-[A-Za-z0-9-]{6,}/, 'a Slack app token'],
    [/\b(?:ghp|gho|ghs|ghu)_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}/, 'a GitHub token'],
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
    [/postgres(?:ql)?:\/\/[^:/@\s]+:[^@\s]+@/, 'a database URL with its password'],
    [/\b(?:accessKey|secretKey)\s*:/, 'a scanner API key'],
  ];
  return patterns.find(([pattern]) => pattern.test(value))?.[1] ?? null;
}
