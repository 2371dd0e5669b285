/**
 * The image the Dockerfile builds and the manifests that run it agree: the user, the port, the
 * health check, the data path and the command.
 */
import { posix } from 'node:path';
import { readRuntimeImage } from './dockerfile.js';
import { botContainer, deployment } from './invariants.js';
import { describeWithKubectl, type K8sObject, render } from './render.js';

const image = readRuntimeImage();

describe('the Dockerfile, read', () => {
  it('finds the runtime stage: numeric user, port, health check, data path, command', () => {
    expect(image.user).toMatch(/^\d+:\d+$/);
    expect(image.exposed).toEqual([Number(image.env.PORT)]);
    expect(image.healthcheck).toContain('/healthz');
    expect(image.env.DATABASE_URL).toMatch(/^sqlite:\//);
    expect(image.cmd).toContain('serve');
  });
});

describeWithKubectl('the image and deploy/kubernetes', () => {
  const overlays: Record<string, K8sObject[]> = {};
  beforeAll(() => {
    overlays.single = render('overlays/single');
    overlays.replicas = render('overlays/replicas');
  });

  it.each(['single', 'replicas'])('%s: runs as the image user', (overlay) => {
    const objects = overlays[overlay] as K8sObject[];
    const pod = deployment(objects).spec.template.spec;
    const security = { ...pod.securityContext, ...botContainer(objects).securityContext };
    const [uid, gid] = (image.user as string).split(':').map(Number);
    expect([security.runAsUser, security.runAsGroup]).toEqual([uid, gid]);
    expect(security.runAsNonRoot).toBe(true);
  });

  it.each(['single', 'replicas'])('%s: serves on the port the image exposes', (overlay) => {
    const container = botContainer(overlays[overlay] as K8sObject[]);
    const port = Number(image.env.PORT);
    expect(container.ports?.map((p) => p.containerPort)).toEqual(image.exposed);
    const declared = container.env?.find((e) => e.name === 'PORT')?.value;
    expect(declared === undefined ? port : Number(declared)).toBe(port);
  });

  it.each(['single', 'replicas'])('%s: probes what the image health check asks', (overlay) => {
    const container = botContainer(overlays[overlay] as K8sObject[]);
    const path = /\/[a-z]+(?=')/.exec(image.healthcheck ?? '')?.[0];
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      expect(probe?.httpGet?.path).toBe(path);
    }
  });

  it.each(['single', 'replicas'])('%s: runs the image command', (overlay) => {
    const container = botContainer(overlays[overlay] as K8sObject[]);
    expect(container.command).toBeUndefined();
    expect(container.args).toBeUndefined();
  });

  it('single: keeps the store where the image does, on the claim mounted at the image volume', () => {
    const objects = overlays.single as K8sObject[];
    const container = botContainer(objects);
    const url = container.env?.find((e) => e.name === 'DATABASE_URL')?.value;
    expect(url).toBe(image.env.DATABASE_URL);
    const dataDir = posix.dirname((url as string).slice('sqlite:'.length));
    expect(image.volumes).toContain(dataDir);
    const mount = container.volumeMounts?.find((m) => m.mountPath === dataDir);
    const volume = deployment(objects).spec.template.spec.volumes.find(
      (v: { name: string }) => v.name === mount?.name,
    );
    expect(volume?.persistentVolumeClaim?.claimName).toBe(
      objects.find((o) => o.kind === 'PersistentVolumeClaim')?.metadata.name,
    );
  });

  it('replicas: mounts nothing over the image volume and takes the store from a Secret', () => {
    const container = botContainer(overlays.replicas as K8sObject[]);
    expect(container.volumeMounts?.map((m) => m.mountPath)).not.toContain(image.volumes[0]);
    expect(container.env?.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef).toBeDefined();
  });
});
