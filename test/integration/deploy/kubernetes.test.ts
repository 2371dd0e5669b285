/**
 * deploy/kubernetes without a cluster: each overlay (and the example, and every component) rendered
 * by `kubectl kustomize`, every object validated against the Kubernetes API schemas, and the
 * invariants of invariants.ts checked against facts read from the bot itself (a running bot's paths,
 * its drain time, its configuration loader) and from the Dockerfile. Each invariant is also shown to
 * fail on a manifest broken on purpose.
 */
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../../sandbox/index.js';
import { STOP_GRACE_MS } from '../../../src/cli/commands/serve.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { ENV_SCHEMAS } from '../../../src/config/env-schema.js';
import { loadConfig } from '../../../src/config/index.js';
import { STOP_SETTLE_MS } from '../../../src/server/create-bot.js';
import { readRuntimeImage } from './dockerfile.js';
import { type BotFacts, botContainer, checkEverywhere, checkReplicas, deployment } from './invariants.js';
import { describeWithKubectl, type K8sObject, render, renderWithComponents } from './render.js';
import { schemaProblems, typeProblems } from './schemas.js';

const COMPONENTS = [
  'config-in-secret',
  'grafana-dashboard',
  'ingress',
  'prometheus-rule',
  'service-monitor',
].map((c) => `components/${c}`);

/** One valid value per variable the bot reads; the test fails when a new variable has none. */
const EVERY_VARIABLE: Record<string, string> = {
  SLACK_BOT_TOKEN: 'xoxb-0000-fixture',
  SLACK_SIGNING_SECRET: 'fixture-signing-secret',
  SLACK_APP_TOKEN: 'xapp-1-fixture',
  SLACK_API_URL: 'https://slack.com/api/',
  AUTHORIZED_USERS: 'U0123456789',
  AUTHORIZED_USERGROUPS: 'S0123456789',
  ALERT_CHANNELS: 'C0123456789',
  PORT: '3000',
  DATABASE_URL: 'postgres://fixture:fixture-db-password@db.invalid:5432/nessus_gap',
  GITHUB_API_URL: 'https://github.example.com/api/v3',
  GITHUB_TOKEN: 'fixture-github-token',
  GAP_ISSUES_REPO: 'alchemy-conductors/alcatraz',
  DECOM_TICKETS_REPO: 'alchemy-conductors/team',
  SOFTLAYER_API_URL: 'https://api.softlayer.com/rest/v3.1/',
  SOFTLAYER_USERNAME: 'fixture-softlayer-user',
  SOFTLAYER_API_KEY: 'fixture-softlayer-key',
  TENABLE_SC_URL: 'https://tenable-sc.example.com',
  TENABLE_SC_ACCESS_KEY: 'fixture-tenable-access',
  TENABLE_SC_SECRET_KEY: 'fixture-tenable-secret',
  INVENTORY_API_URL: 'https://inventory.example.com/api',
  INVENTORY_API_TOKEN: 'fixture-inventory-token',
  LOG_LEVEL: 'info',
  NODE_ENV: 'production',
  LISTEN_HOST: '0.0.0.0',
  METRICS_PORT: '9464',
  ACCEPT_EMPTY_STORE: 'false',
};

/**
 * The variables whose values the bot treats as secrets (it redacts them from its logs), plus the
 * SoftLayer user name: half of the basic-auth credential.
 */
function secretVariables(): string[] {
  const config = loadConfig(EVERY_VARIABLE, { mode: 'serve' });
  const secrets = config.secrets();
  const names = Object.entries(EVERY_VARIABLE)
    .filter(([, value]) => secrets.some((secret) => value.includes(secret)))
    .map(([name]) => name);
  return [...names, 'SOFTLAYER_USERNAME'];
}

describeWithKubectl('deploy/kubernetes', () => {
  let world: World;
  let facts: BotFacts;
  const variants: Record<string, K8sObject[]> = {};

  beforeAll(async () => {
    variants.single = render('overlays/single');
    variants.replicas = render('overlays/replicas');
    variants.example = render('example');
    variants['single with every component'] = renderWithComponents('overlays/single', COMPONENTS);
    variants['replicas with every component'] = renderWithComponents('overlays/replicas', COMPONENTS);
    world = await startWorld(loadScenario('examples/scenarios/demo.yaml'));
    facts = {
      drainMs: STOP_GRACE_MS + STOP_SETTLE_MS,
      healthPath: '/healthz',
      metricsPath: '/metrics',
      slackEventsPath: '/slack/events',
      image: readRuntimeImage(),
      version: (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
      secretVariables: secretVariables(),
    };
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('knows a value for every variable the bot reads, and which are secrets', () => {
    // NESSUS_GAP_CONFIG is a path: the checks read the file mounted there instead.
    const read = Object.keys(ENV_SCHEMAS).filter((name) => name !== 'NESSUS_GAP_CONFIG');
    expect(Object.keys(EVERY_VARIABLE).sort()).toEqual(read.sort());
    expect(facts.secretVariables.sort()).toEqual(
      [
        'DATABASE_URL',
        'GITHUB_TOKEN',
        'INVENTORY_API_TOKEN',
        'SLACK_APP_TOKEN',
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'SOFTLAYER_API_KEY',
        'SOFTLAYER_USERNAME',
        'TENABLE_SC_ACCESS_KEY',
        'TENABLE_SC_SECRET_KEY',
      ].sort(),
    );
  });

  it('uses paths the bot serves: health 200, metrics, Slack events (401 unsigned, not 404)', async () => {
    const health = await fetch(`${world.botUrl}${facts.healthPath}`);
    expect(health.status).toBe(200);
    const metrics = await fetch(`${world.botUrl}${facts.metricsPath}`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const slack = await fetch(`${world.botUrl}${facts.slackEventsPath}`, { method: 'POST', body: '{}' });
    expect(slack.status).toBe(401);
    await Promise.all([health.text(), metrics.text(), slack.text()]);
  });

  it('renders every object of every variant valid against its API schema', async () => {
    const problems: string[] = [];
    for (const [variant, objects] of Object.entries(variants)) {
      for (const object of objects) {
        for (const problem of await schemaProblems(object)) problems.push(`${variant}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses no field that its kind does not have', () => {
    const unique = new Map<string, K8sObject>();
    for (const objects of Object.values(variants)) {
      for (const object of objects) unique.set(JSON.stringify(object), object);
    }
    expect(typeProblems([...unique.values()])).toEqual([]);
  }, 30_000);

  it('reports a value of the wrong type, and a field its kind does not have', async () => {
    const broken = structuredClone(deployment(variants.single as K8sObject[]));
    broken.spec.replicas = 'one';
    const [container] = broken.spec.template.spec.containers;
    container.readinesProbe = container.readinessProbe;
    delete container.readinessProbe;
    expect((await schemaProblems(broken)).join('\n')).toContain('data/spec/replicas must be integer');
    expect(typeProblems([broken]).join('\n')).toContain(
      "'\"readinesProbe\"' does not exist in type 'IContainer'",
    );
  }, 30_000);

  it.each(['single', 'replicas', 'example', 'single with every component', 'replicas with every component'])(
    '%s: holds every invariant',
    (variant) => {
      const objects = variants[variant] as K8sObject[];
      const replicas = deployment(objects).spec.replicas > 1;
      expect([...checkEverywhere(objects, facts), ...(replicas ? checkReplicas(objects) : [])]).toEqual([]);
    },
  );

  it('single: one replica, Recreate, SQLite on its claim', () => {
    const objects = variants.single as K8sObject[];
    expect(deployment(objects).spec.replicas).toBe(1);
    expect(deployment(objects).spec.strategy.type).toBe('Recreate');
    expect(objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.spec.accessModes)).toEqual([
      ['ReadWriteOnce'],
    ]);
  });

  it('replicas: PostgreSQL, no claim, a disruption budget', () => {
    const objects = variants.replicas as K8sObject[];
    expect(objects.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(objects.some((o) => o.kind === 'PodDisruptionBudget')).toBe(true);
    expect(checkReplicas(objects)).toEqual([]);
  });

  it('config-in-secret: the configuration file from a Secret, no longer the ConfigMap', () => {
    const objects = variants['single with every component'] as K8sObject[];
    const config = deployment(objects).spec.template.spec.volumes.find(
      (v: { name: string }) => v.name === 'config',
    );
    expect(config).toEqual({
      name: 'config',
      secret: { secretName: 'nessus-gap-config', defaultMode: 0o440 },
    });
  });

  describe('each invariant fails on a manifest broken on purpose', () => {
    type Break = (objects: K8sObject[]) => void;
    const container = (objects: K8sObject[]) => botContainer(objects) as unknown as Record<string, unknown>;
    const spec = (objects: K8sObject[]) => deployment(objects).spec;
    const env = (objects: K8sObject[]) => container(objects).env as { name: string; value?: string }[];
    const cases: [string, 'single' | 'replicas', Break, string][] = [
      [
        'two replicas on SQLite',
        'single',
        (o) => {
          spec(o).replicas = 2;
        },
        'replicas on one SQLite file',
      ],
      [
        'SQLite with rolling updates',
        'single',
        (o) => {
          spec(o).strategy = { type: 'RollingUpdate' };
        },
        'without the Recreate strategy',
      ],
      [
        'the replica not named by the pod',
        'single',
        (o) =>
          void env(o).splice(
            env(o).findIndex((e) => e.name === 'NESSUS_GAP_REPLICA'),
            1,
          ),
        'NESSUS_GAP_REPLICA does not come from the pod name',
      ],
      [
        'a probe on another path',
        'replicas',
        (o) => {
          (container(o).readinessProbe as { httpGet: { path: string } }).httpGet.path = '/health';
        },
        'the readiness probe asks /health, not /healthz',
      ],
      [
        'a probe on another port',
        'single',
        (o) => {
          (container(o).livenessProbe as { httpGet: { port: number } }).httpGet.port = 8080;
        },
        "the liveness probe's port 8080 is not the bot's port 3000",
      ],
      [
        'the bot on another port',
        'single',
        (o) => {
          (env(o).find((e) => e.name === 'PORT') as { value: string }).value = '8080';
        },
        'the bot listens on 8080, which is not a container port',
      ],
      [
        'a grace period shorter than the drain',
        'replicas',
        (o) => {
          spec(o).template.spec.terminationGracePeriodSeconds = 20;
        },
        'terminationGracePeriodSeconds 20 leaves no room',
      ],
      [
        'a liveness probe that kills a draining replica',
        'replicas',
        (o) => {
          (container(o).livenessProbe as { failureThreshold: number }).failureThreshold = 2;
        },
        'the liveness probe would restart a draining replica',
      ],
      [
        'no heap cap',
        'single',
        (o) =>
          void env(o).splice(
            env(o).findIndex((e) => e.name === 'NODE_OPTIONS'),
            1,
          ),
        'NODE_OPTIONS sets no --max-old-space-size',
      ],
      [
        'a memory limit below the measured peak',
        'single',
        (o) => {
          (container(o).resources as { limits: { memory: string } }).limits.memory = '256Mi';
        },
        'the memory limit 256 Mi has no room',
      ],
      [
        'a token in the Deployment',
        'replicas',
        (o) => {
          env(o).push({ name: 'SLACK_BOT_TOKEN', value: 'xoxb-1234-abcdef' });
        },
        'SLACK_BOT_TOKEN is written in the Deployment',
      ],
      [
        'a token in a ConfigMap',
        'replicas',
        (o) => {
          const settings = o.find(
            (x) => x.kind === 'ConfigMap' && x.metadata.name.startsWith('nessus-gap-settings'),
          );
          (settings as K8sObject).data = {
            ...(settings as K8sObject).data,
            GITHUB_TOKEN: 'ghp_abcdefghijklmnopqrstuvwx',
          };
        },
        'holds GITHUB_TOKEN',
      ],
      [
        "another SoftLayer account's key in a ConfigMap",
        'single',
        (o) => {
          const settings = o.find(
            (x) => x.kind === 'ConfigMap' && x.metadata.name.startsWith('nessus-gap-settings'),
          );
          (settings as K8sObject).data = { ...(settings as K8sObject).data, SOFTLAYER_WDC_API_KEY: 'abc' };
        },
        'holds SOFTLAYER_WDC_API_KEY',
      ],
      [
        'a writable root file system',
        'single',
        (o) => {
          (container(o).securityContext as Record<string, unknown>).readOnlyRootFilesystem = false;
        },
        'the root file system is writable',
      ],
      [
        'privilege escalation',
        'single',
        (o) => {
          (container(o).securityContext as Record<string, unknown>).allowPrivilegeEscalation = true;
        },
        'privilege escalation is not disabled',
      ],
      [
        'capabilities kept',
        'replicas',
        (o) => {
          (container(o).securityContext as { capabilities: unknown }).capabilities = { drop: [] };
        },
        'capabilities are not all dropped',
      ],
      [
        'running as root',
        'single',
        (o) => {
          spec(o).template.spec.securityContext.runAsUser = 0;
        },
        'runs as user 0',
      ],
      [
        'SQLite off its volume',
        'single',
        (o) => {
          (env(o).find((e) => e.name === 'DATABASE_URL') as { value: string }).value = 'sqlite:/app/x.db';
        },
        'is not on a writable PersistentVolumeClaim',
      ],
      [
        'a shared claim with several replicas',
        'replicas',
        (o) =>
          void spec(o).template.spec.volumes.push({
            name: 'data',
            persistentVolumeClaim: { claimName: 'x' },
          }),
        'a PersistentVolumeClaim is mounted by every replica',
      ],
      [
        'a budget that blocks drains',
        'replicas',
        (o) => {
          const budget = o.find((x) => x.kind === 'PodDisruptionBudget') as K8sObject;
          budget.spec = { ...budget.spec, maxUnavailable: 0 };
        },
        'allows no disruption',
      ],
      [
        'replicas free to share a node',
        'replicas',
        (o) => {
          delete spec(o).template.spec.affinity;
        },
        'no anti-affinity keeps the replicas on different nodes',
      ],
      [
        'a rolling update that stops both replicas',
        'replicas',
        (o) => {
          spec(o).strategy.rollingUpdate.maxUnavailable = '100%';
        },
        'a rolling update may take all 2 replicas down',
      ],
    ];

    it.each(cases)('%s', (_name, variant, breakIt, expected) => {
      const objects = structuredClone(variants[variant]) as K8sObject[];
      const before = [
        ...checkEverywhere(objects, facts),
        ...(variant === 'replicas' ? checkReplicas(objects) : []),
      ];
      expect(before).toEqual([]);
      breakIt(objects);
      const after = [
        ...checkEverywhere(objects, facts),
        ...(variant === 'replicas' ? checkReplicas(objects) : []),
      ];
      expect(after.join('\n')).toContain(expected);
    });
  });
});
