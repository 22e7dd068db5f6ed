import 'server-only';
import type { SharedReadCodec } from '@/lib/sources/shared-reads';
import type { SnapshotWire } from './fetch-snapshot';
import type { RegistryWire } from './map-registry';

/** The registry with its maps as entry lists: what JSON keeps (and what the fingerprint hashes). */
export function plainRegistry(registry: RegistryWire | null) {
  return registry && { ...registry, details: [...registry.details], loggedModels: registry.loggedModels && [...registry.loggedModels] };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Experiments and registry as replicas share them in the index (no runs: those reach the index through the feed). */
export const SNAPSHOT_WIRE_JSON: SharedReadCodec<SnapshotWire> = {
  encode: (wire) => JSON.stringify({ experiments: wire.experiments, registry: plainRegistry(wire.registry), problems: wire.problems }),
  // Our own text, written by a replica of this version (the key names it); only its shape is checked.
  decode(parsed) {
    if (!isObject(parsed) || !Array.isArray(parsed.experiments) || !Array.isArray(parsed.problems)) return null;
    const registry = parsed.registry;
    if (registry !== null && !(isObject(registry) && Array.isArray(registry.models) && Array.isArray(registry.details) && Array.isArray(registry.versions))) return null;
    return {
      experiments: parsed.experiments,
      runs: [],
      problems: parsed.problems,
      registry: registry && {
        ...(registry as unknown as RegistryWire),
        details: new Map(registry.details as [string, never][]),
        loggedModels: Array.isArray(registry.loggedModels) ? new Map(registry.loggedModels as [string, never][]) : null,
      },
    } as SnapshotWire;
  },
};
